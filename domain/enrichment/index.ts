// Pure enrichment: traits derived from a learner's own traits, shared by ingestion and the designer.
export * from './builtin';
export * from './emailDomain';
export * from './jobTitle';
export * from './missingTraits';
export * from './timezoneFromCountry';
