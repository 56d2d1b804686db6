// Every workflow the worker registers. Deterministic code only: no I/O, clocks or randomness except
// through @temporalio/workflow; side effects live in activities/.
export { diagnosticWorkflow } from './diagnostics';
export { segmentClockWorkflow } from './segmentClock';
export { segmentEvaluationWorkflow } from './segmentEvaluation';
export { journeyWorkflow, journeyWorkflowV2 } from './journey/journeyWorkflow';
