/**
 * Errors that mean "the store cannot be reached right now" rather than "the request is wrong".
 * The API answers these with 503 store_unavailable; the worker lets Temporal retry the activity.
 */
const unavailableErrorNames = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'StoreUnavailableError',
]);

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export function isStoreUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (unavailableErrorNames.has(error.name)) return true;
  // Mongoose refuses commands outright (bufferCommands: false) while the first connection is pending.
  // FerretDB's SQLite backend reports a write that lost a lock race; trying again succeeds.
  return /before initial connection is complete|Connection was force closed|connection .* closed|SQLITE_BUSY|database is locked/i.test(error.message);
}

/** MongoDB and FerretDB both report unique-index violations with code 11000. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * The positions of the documents an unordered `insertMany` refused as duplicates. Any other failure
 * is rethrown: only "already there" is an expected outcome of inserting by a natural key.
 */
export function duplicateIndexes(error: unknown): number[] {
  const writeErrors = (error as { writeErrors?: { index?: number; code?: number; err?: { index?: number } }[] }).writeErrors;
  if (!writeErrors?.length || !writeErrors.every((writeError) => writeError.code === 11000)) throw error;
  return writeErrors.map((writeError) => writeError.index ?? writeError.err?.index ?? -1);
}
