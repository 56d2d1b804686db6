import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (workers load it into the workflow sandbox too, so it must stay free of Node-only
 * imports). With `encodeCommonAttributes`, a failure's message and stack trace travel as a payload,
 * which the payload codec then encrypts: an activity error quoting a learner's address never reaches
 * Temporal's database in clear.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
