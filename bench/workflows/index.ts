// The worker's workflows for bench:journeys: every workflow of the project, plus the benchmark's
// hand-written baseline. Bundled once and handed to Worker.create as createWorker would.
export * from '../../workflows';
export { baselineJourneyWorkflow } from './baselineJourney';
