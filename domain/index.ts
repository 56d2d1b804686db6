// The shared domain: schemas and pure logic imported by the API, workers, workflows and the designer.
// Nothing here may import Node-only modules: the Temporal workflow bundle and the browser load it too.
export * from './apiKeys';
export * from './errors';
export * from './health';
export * from './learners';
export * from './searchAttributes';
