// Segment rules: the language (schemas), what a learner keeps of their events (behaviour), and the
// evaluators that must agree — interpreter, compiled bulk path and next-change finder.
export * from './behaviour';
export * from './compile';
export * from './conditions/aggregate';
export * from './conditions/engagement';
export * from './conditions/event';
export * from './conditions/eventTime';
export * from './conditions/segment';
export * from './conditions/sequence';
export * from './conditions/trait';
export * from './dependencies';
export * from './duration';
export * from './evaluate';
export * from './examples';
export * from './facts';
export * from './nextChange';
export * from './propertyFilter';
export * from './rules';
export * from './warnings';
export * from './window';
