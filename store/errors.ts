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
