import path from 'node:path';
import { z } from 'zod';
import { isKnownTimezone } from '../domain/journeys/timezones';

/**
 * Every environment variable the processes read, in one schema. README.md lists the same names;
 * docker-compose.yml sets them for production.
 */
const port = z.coerce.number().int().min(1).max(65535);
/** An optional setting; empty counts as unset. */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATA_DIR: z.string().default('.data'),
  TOOLS_DIR: z.string().default('.tools'),

  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('course-journeys'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalString,
  TEMPORAL_BIN: optionalString,
  TEMPORAL_TEST_SERVER_BIN: optionalString,

  MONGODB_URI: optionalString,
  FERRETDB_PORT: port.default(27017),
  FERRETDB_BIN: optionalString,
  STORE_DATABASE: z.string().min(1).default('course_journeys'),

  SMTP_URL: optionalString,
  MAIL_SMTP_PORT: port.default(1025),
  MAIL_UI_PORT: port.default(1080),
  MAIL_UI_URL: optionalString,
  /** The sender of journey emails. */
  MAIL_FROM: z.string().min(3).default('Course Journeys <courses@example.com>'),

  /** Reply-To of journey emails (a journey may set its own). */
  MAIL_REPLY_TO: optionalString,
  /** The sender's postal address, printed in every marketing email (CAN-SPAM). */
  SENDER_POSTAL_ADDRESS: z.string().trim().min(5).default('Course Journeys, 1 Example Street, Springfield, OR 97477, USA'),
  /**
   * Signs the links emails carry (open pixel, click redirects, unsubscribe and preference pages).
   * Required in production; development and tests fall back to a fixed, publicly known secret.
   */
  MESSAGE_TOKEN_SECRET: optionalString,
  /** Signs webhook-channel requests (`X-Course-Journeys-Signature`). Required in production. */
  WEBHOOK_SIGNING_SECRET: optionalString,
  /** At most this many marketing messages per learner per day / per 7 days, across all journeys (0 = no cap). */
  MARKETING_CAP_PER_DAY: z.coerce.number().int().min(0).default(3),
  MARKETING_CAP_PER_WEEK: z.coerce.number().int().min(0).default(10),
  /** Quiet hours in the learner's timezone, `HH:MM-HH:MM` (e.g. 21:00-08:00); empty = none. */
  QUIET_HOURS: optionalString.refine((value) => value === undefined || /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(value), 'must look like 21:00-08:00'),
  /** The timezone quiet hours and time-of-day delays use for learners without a valid `timezone` trait. */
  DEFAULT_TIMEZONE: z.string().min(1).default('UTC').refine(isKnownTimezone, 'must be an IANA timezone such as Europe/Paris'),
  /**
   * AES-256-GCM key (32 bytes, base64) that encrypts Temporal payloads, and its id (stored with each
   * payload, for rotation). Older keys that may still be needed to decrypt: JSON {"id": "base64 key"}.
   * Required in production; development and tests use a key kept in DATA_DIR.
   */
  PAYLOAD_ENCRYPTION_KEY: optionalString,
  PAYLOAD_ENCRYPTION_KEY_ID: z.string().trim().min(1).max(64).default('key-1'),
  PAYLOAD_DECRYPTION_KEYS: optionalString,

  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
  PUBLIC_URL: optionalString,
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:5173')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  INGEST_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(120_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),

  TEACHABLE_WEBHOOK_SECRET: optionalString,
  THINKIFIC_WEBHOOK_SECRET: optionalString,
  KAJABI_WEBHOOK_SECRET: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,

  /** Third-party enrichment: a URL with `{email}`, e.g. https://api.example.com/person?email={email}. Unset = off. */
  ENRICHMENT_URL: optionalString,
  ENRICHMENT_NAME: z.string().min(1).default('enrichment'),
  /** Sent as `Authorization: Bearer …` to the provider. */
  ENRICHMENT_API_KEY: optionalString,
  ENRICHMENT_MAX_PER_MINUTE: z.coerce.number().int().positive().default(60),
  ENRICHMENT_CACHE_DAYS: z.coerce.number().positive().default(30),

  /**
   * Categorical trait values mapped to canonical ones, as JSON: {"industry": {"edtech": "Education"}}.
   * Keys of the inner maps match case-insensitively.
   */
  TRAIT_CATEGORY_MAPS: z
    .string()
    .default('{}')
    .transform((text, context) => {
      try {
        const parsed: unknown = JSON.parse(text);
        const maps = z.record(z.string(), z.record(z.string(), z.string())).safeParse(parsed);
        if (maps.success) return maps.data;
        context.addIssue({ code: 'custom', message: 'must map trait names to objects of raw value → canonical value' });
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
      }
      return z.NEVER;
    }),

  /** How late, at most, the segment clock wakes a learner whose membership changes with time alone. */
  SEGMENT_CLOCK_RESOLUTION_SECONDS: z.coerce.number().positive().max(60).default(15),

  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Connection settings resolved from the environment, embedded-service defaults filled in. */
export interface Config {
  env: Env;
  dataDir: string;
  toolsDir: string;
  temporal: { address: string; namespace: string; taskQueue: string; uiUrl: string };
  store: { uri: string; database: string };
  smtp: { url: string; inboxUrl?: string };
  api: { host: string; port: number; publicUrl: string };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const env = readEnv(source);
  return {
    env,
    dataDir: path.resolve(root, env.DATA_DIR),
    toolsDir: path.resolve(root, env.TOOLS_DIR),
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_PORT}`,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      uiUrl: env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_UI_PORT}`,
    },
    store: {
      uri: env.MONGODB_URI ?? `mongodb://127.0.0.1:${env.FERRETDB_PORT}/`,
      database: env.STORE_DATABASE,
    },
    smtp: {
      url: env.SMTP_URL ?? `smtp://127.0.0.1:${env.MAIL_SMTP_PORT}`,
      inboxUrl: env.MAIL_UI_URL ?? (env.SMTP_URL ? undefined : `http://localhost:${env.MAIL_UI_PORT}`),
    },
    api: {
      host: env.API_HOST,
      port: env.API_PORT,
      publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.API_PORT}`,
    },
  };
}
