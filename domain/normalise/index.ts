// Pure normalisation of learner traits, shared by ingestion, workflows and the designer.
export * from './age';
export * from './categorical';
export * from './country';
export * from './date';
export * from './email';
export * from './names';
export * from './phone';
export * from './timezone';
export * from './traits';
export * from './text';
