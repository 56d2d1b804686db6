/**
 * `npm test` runs every test: unit tests beside their code and in test/, and integration tests
 * against the real services that test/support/globalSetup.ts starts (Temporal dev server, FerretDB,
 * mail catcher) or that TEMPORAL_ADDRESS / MONGODB_URI / SMTP_URL point at.
 */
const swc = ['@swc/jest', { module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }];

// ESM-only dependencies that Node 20 loads through require(esm) but jest needs compiled to CommonJS.
const esmOnlyPackages = ['d3-[a-z]+', 'jose', 'json-schema-typed'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  // Stylesheets mean nothing in jsdom; screens import them, so jest reads an empty module instead.
  moduleNameMapper: { '\\.css$': '<rootDir>/test/support/styleStub.js' },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tools/', '/.data/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tools/'],
  setupFiles: ['<rootDir>/test/support/quietTemporal.ts'],
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  testTimeout: 60_000,
  // Integration tests share the machine's two cores with Temporal and FerretDB.
  maxWorkers: 2,
};
