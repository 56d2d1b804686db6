import type * as TemporalWorker from '@temporalio/worker';

// Worker lifecycle INFO lines drown test output; warnings and errors still show. Only Node test
// environments run Temporal code: the designer's jsdom tests must not load the SDK (its protobuf code
// needs Node globals jsdom lacks).
if (!('window' in globalThis)) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultLogger, Runtime } = require('@temporalio/worker') as typeof TemporalWorker;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
