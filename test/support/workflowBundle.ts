import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { failureConverterPath } from '../../runtime/dataConverter';
import { workflowsPath } from '../../worker/createWorker';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the project's workflows once per test file (webpack takes seconds), with the failure converter workers use. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error } });
  return bundle;
}
