import mongoose, { type Connection } from 'mongoose';
import { apiKeyModel } from './models/apiKey';
import { enrichmentCacheModel } from './models/enrichmentCache';
import { identityModel } from './models/identity';
import { importErrorModel } from './models/importError';
import { importJobModel } from './models/importJob';
import { journeyModel } from './models/journey';
import { journeyEntryModel } from './models/journeyEntry';
import { journeyStepModel } from './models/journeyStep';
import { journeyVersionModel } from './models/journeyVersion';
import { learnerModel } from './models/learner';
import { learnerEventModel } from './models/learnerEvent';
import { deliveryQueueModel } from './models/deliveryQueue';
import { messageSendModel } from './models/messageSend';
import { rateLimitWindowModel } from './models/rateLimitWindow';
import { seedRunModel } from './models/seedRun';
import { segmentModel } from './models/segment';
import { templateModel } from './models/template';
import { writeClaimModel } from './models/writeClaim';
import { templateVersionModel } from './models/templateVersion';
import { topicModel } from './models/topic';
import { consentModel } from './models/consent';
import { suppressionModel } from './models/suppression';
import { auditEntryModel } from './models/auditEntry';
import { lookUpOneByOne } from './byId';
import { StoreUnavailableError } from './errors';

export interface StoreOptions {
  uri: string;
  database: string;
  /** How long one operation waits for a reachable server before failing (and the API answers 503). */
  serverSelectionTimeoutMs?: number;
  onConnectionProblem?: (message: string) => void;
}

function createModels(connection: Connection) {
  return {
    apiKeys: apiKeyModel(connection),
    identities: identityModel(connection),
    importErrors: importErrorModel(connection),
    importJobs: importJobModel(connection),
    journeys: journeyModel(connection),
    journeyEntries: journeyEntryModel(connection),
    journeySteps: journeyStepModel(connection),
    journeyVersions: journeyVersionModel(connection),
    learners: learnerModel(connection),
    learnerEvents: learnerEventModel(connection),
    messageSends: messageSendModel(connection),
    deliveryQueue: deliveryQueueModel(connection),
    seedRuns: seedRunModel(connection),
    segments: segmentModel(connection),
    enrichmentCache: enrichmentCacheModel(connection),
    rateLimitWindows: rateLimitWindowModel(connection),
    templates: templateModel(connection),
    writeClaims: writeClaimModel(connection),
    templateVersions: templateVersionModel(connection),
    topics: topicModel(connection),
    consents: consentModel(connection),
    suppressions: suppressionModel(connection),
    auditLog: auditEntryModel(connection),
  };
}
export type StoreModels = ReturnType<typeof createModels>;

// Calls fail at once instead of queueing behind a connection that is not there (mongoose's default
// buffers them for 10 s), so the API can answer 503 straight away.
mongoose.set('bufferCommands', false);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one MongoDB/FerretDB connection of a process, shared by API routes and activities.
 *
 * It never blocks or crashes its process when the store is down: the first connection is retried in
 * the background, later outages are handled by the driver's reconnects, and while the store is away
 * operations fail fast with errors that `isStoreUnavailableError` recognises.
 */
export class Store {
  readonly connection: Connection;
  readonly models: StoreModels;
  private readonly connected: Promise<void>;
  private closed = false;
  private lastProblem = 'connecting';

  private constructor(private readonly options: StoreOptions) {
    this.connection = mongoose.createConnection();
    this.models = createModels(this.connection);
    this.connected = this.connectWithRetry();
    // Closing before the first connection rejects `connected`; only waiters care about that.
    this.connected.catch(() => undefined);
  }

  static open(options: StoreOptions): Store {
    return new Store(options);
  }

  /** Resolves once connected and indexes exist; rejects if the store was closed first or on timeout. */
  async waitUntilConnected(timeoutMs?: number): Promise<void> {
    if (timeoutMs === undefined) return this.connected;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StoreUnavailableError(`store not reachable after ${timeoutMs} ms: ${this.lastProblem}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.connected, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Round trip to the server; throws StoreUnavailableError naming the problem. */
  async ping(timeoutMs = 2_000): Promise<void> {
    const db = this.connection.db;
    if (this.connection.readyState !== mongoose.ConnectionStates.connected || !db) {
      throw new StoreUnavailableError(`not connected (${this.lastProblem})`);
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.command({ ping: 1 }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new StoreUnavailableError(`ping timed out after ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connection.close(true);
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.closed) throw new StoreUnavailableError('store closed before it connected');
      try {
        await this.connection.openUri(this.options.uri, {
          dbName: this.options.database,
          serverSelectionTimeoutMS: this.options.serverSelectionTimeoutMs ?? 2_500,
          autoIndex: false,
          autoCreate: false,
        });
        this.connection.on('disconnected', () => this.reportProblem('disconnected'));
        this.connection.on('reconnected', () => (this.lastProblem = 'reconnected'));
        const buildInfo = await this.connection.db!.admin().command({ buildInfo: 1 });
        if ('ferretdbVersion' in buildInfo) lookUpOneByOne(this.connection);
        await Promise.all(Object.values(this.models).map((model) => model.createIndexes()));
        this.lastProblem = 'connected';
        return;
      } catch (error) {
        if (this.closed) throw new StoreUnavailableError('store closed before it connected');
        this.reportProblem((error as Error).message);
        await sleep(Math.min(5_000, 250 * 2 ** attempt));
      }
    }
  }

  private reportProblem(message: string): void {
    if (message !== this.lastProblem) this.options.onConnectionProblem?.(message);
    this.lastProblem = message;
  }
}
