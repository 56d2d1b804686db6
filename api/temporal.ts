import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { loadConfig } from '../config/env';
import { dataConverterFrom } from '../runtime/dataConverter';

export class TemporalUnavailableError extends Error {
  override name = 'TemporalUnavailableError';
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** True for errors that mean "Temporal cannot be reached right now" (answered with 503). */
export function isTemporalUnavailableError(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current instanceof TemporalUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  }
  return false;
}

/**
 * The API's Temporal client. The connection is lazy: the API starts (and answers /ready with 503)
 * while Temporal is down, and gRPC reconnects by itself once it is back.
 */
export class TemporalGateway {
  readonly connection: Connection;
  readonly client: Client;

  /** `dataConverter` defaults to the encrypting converter of this process's configuration (what api/main.ts loads). */
  constructor(options: { address: string; namespace: string; dataConverter?: DataConverter }) {
    this.connection = Connection.lazy({ address: options.address });
    this.client = new Client({ connection: this.connection, namespace: options.namespace, dataConverter: options.dataConverter ?? dataConverterFrom(loadConfig()) });
  }

  async ping(timeoutMs = 2_000): Promise<void> {
    try {
      await this.connection.withDeadline(Date.now() + timeoutMs, () => this.connection.workflowService.getSystemInfo({}));
    } catch (error) {
      throw new TemporalUnavailableError((error as Error).message, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
