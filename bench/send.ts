import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TemplateCatalog } from '../api/templates/templateCatalog';
import { loadConfig } from '../config/env';
import { Ingestion } from '../ingestion/pipeline';
import { createMessageSender } from '../messages/createSender';
import { smtpMailer, smtpTransport } from '../messages/mailer';
import { startEmbeddedServices } from '../stack/services/embeddedServices';
import { findFreePort } from '../stack/services/ports';
import { Store } from '../store/connection';
import { benchStore, inParallel, quick, round, seconds } from './support';

/**
 * `npm run bench:send [-- --quick]`: messages/s through the whole send path — ledger claim, the checks
 * (address, suppression, consent, quiet hours, frequency cap), Liquid rendering, tracking and
 * compliance decorators, queueing in the ledger, delivery by the delivery service over SMTP and the
 * ledger's `sent` — beside plain nodemailer sends of a comparable mail to the same SMTP catcher, in the
 * same run, alternating rounds. Same concurrency for both. The store is FerretDB (or MONGODB_URI's),
 * the SMTP server the embedded MailDev catcher (or SMTP_URL's).
 *
 * The sender and the delivery service run in one process here (the sender hears of the delivery at
 * once); in production the worker sends and the API delivers, which adds the delivery service's
 * polling (≤ 200 ms idle) to each message's latency but not to the throughput under load.
 */
const MESSAGES = quick ? 200 : 2_000;
const WARMUP = quick ? 20 : 50;
/** Rounds in which the two variants take turns (A B, B A, …) so drift in the machine's load weighs on both alike. */
const ROUNDS = quick ? 2 : 4;
const CONCURRENCY = 16;
const TEMPLATE = 'bench-send-mail';
const SUBJECT = 'A bench mail for {{ learner.firstName | default: "you" }}';
const HTML = '<p>Hi {{ learner.firstName | default: "there" }},</p><p>This is a benchmark of <a href="https://example.com/courses/ux">the UX course</a>.</p>';

const log = (line: string) => process.stderr.write(`[bench:send] ${line}\n`);

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!, 1));
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** The embedded SMTP catcher on free ports (or SMTP_URL's server). */
async function benchMail() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-send-'));
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dataDir, MAIL_SMTP_PORT: String(await findFreePort()), MAIL_UI_PORT: String(await findFreePort()) });
  const services = await startEmbeddedServices(config, { logFor: () => () => undefined, only: ['mail'] });
  return {
    config,
    smtp: services.smtp,
    label: process.env.SMTP_URL ? 'SMTP_URL' : 'embedded MailDev SMTP catcher',
    async stop() {
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const loadBefore = os.loadavg().map((load) => round(load, 2));
  log('starting FerretDB and the SMTP catcher');
  const [storeServer, mail] = await Promise.all([benchStore(), benchMail()]);
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the services`);
    void Promise.allSettled([mail.stop(), storeServer.stop()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const store = Store.open({ uri: storeServer.uri, database: `bench_send_${randomUUID().slice(0, 8)}` });
  const { config } = mail;
  const mailer = smtpMailer({ url: mail.smtp.url, from: config.env.MAIL_FROM });
  // The same transport smtpMailer builds (pooled connections), so only the pipeline differs.
  const plainTransport = smtpTransport(mail.smtp.url);
  const { sender, delivery } = createMessageSender({ models: store.models, mailer, env: config.env, publicUrl: config.api.publicUrl, log: { warn: (object, message) => log(`${message} ${JSON.stringify(object)}`) } });
  try {
    await store.waitUntilConnected(30_000);
    const buildInfo = await store.connection.db!.admin().command({ buildInfo: 1 });
    delivery.start();
    await new TemplateCatalog(store.models).create({ id: TEMPLATE, name: 'Bench mail', subject: SUBJECT, html: HTML });

    const perRound = Math.ceil(MESSAGES / ROUNDS);
    const total = WARMUP + ROUNDS * perRound;
    log(`creating ${total} learners`);
    const ingestion = new Ingestion(store.models);
    const learners: { learnerId: string; email: string }[] = [];
    const prefix = `bench-send-${randomUUID().slice(0, 8)}`;
    for (let start = 0; start < total; start += 500) {
      const batch = Array.from({ length: Math.min(500, total - start) }, (_, offset) => ({ userId: `${prefix}-${start + offset}`, email: `${prefix}-${start + offset}@example.com` }));
      const result = await ingestion.ingest(
        batch.map(({ userId, email }) => ({ type: 'identify', userId, traits: { email, firstName: 'Ada' } })),
        { source: 'api' },
      );
      batch.forEach((learner, index) => learners.push({ learnerId: result.learnerIds[index]!, email: learner.email }));
    }
    let nextLearner = 0;
    let nextPlain = 0;

    // A marketing message on a consent topic, so every check does its reads (consent, cap).
    const viaPipeline = async () => {
      const learner = learners[nextLearner++]!;
      const outcome = await sender.send({ idempotencyKey: `bench-send/${learner.learnerId}`, learnerId: learner.learnerId, templateId: TEMPLATE, channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'skip' });
      if (outcome.status !== 'sent') throw new Error(`the send to ${learner.learnerId} was ${outcome.status}: ${JSON.stringify(outcome)}`);
    };
    // A comparable mail (same size, subject and Message-ID shape) sent straight to SMTP.
    const plain = async () => {
      const index = nextPlain++;
      await plainTransport.sendMail({
        from: config.env.MAIL_FROM,
        to: `${prefix}-plain-${index}@example.com`,
        subject: 'A bench mail for Ada',
        html: HTML.replace(/\{\{[^}]*\}\}/g, 'Ada'),
        text: 'Hi Ada,\n\nThis is a benchmark of the UX course [https://example.com/courses/ux].',
        messageId: `<bench-send.plain.${index}@course-journeys.local>`,
      });
    };

    const measure = async (label: string, count: number, send: () => Promise<void>) => {
      const latencies: number[] = [];
      const roundStartedAt = process.hrtime.bigint();
      await inParallel(
        Array.from({ length: count }, () => async () => {
          const messageStartedAt = performance.now();
          await send();
          latencies.push(performance.now() - messageStartedAt);
        }),
        CONCURRENCY,
      );
      const elapsed = seconds(roundStartedAt);
      log(`${label}: ${count} messages in ${round(elapsed, 2)} s (${round(count / elapsed, 1)}/s)`);
      return { count, seconds: elapsed, latencies };
    };

    log(`warming up (${WARMUP} messages of each)`);
    await measure('warm-up, plain nodemailer', WARMUP, plain);
    await measure('warm-up, pipeline', WARMUP, viaPipeline);

    const variants = [
      { name: 'plain', send: plain },
      { name: 'pipeline', send: viaPipeline },
    ];
    const totals = new Map(variants.map((variant) => [variant.name, { count: 0, seconds: 0, latencies: [] as number[], rounds: [] as number[] }]));
    log(`${ROUNDS * perRound} messages of each, ${CONCURRENCY} in flight, in ${ROUNDS} rounds of ${perRound}`);
    for (let index = 0; index < ROUNDS; index += 1) {
      for (const variant of index % 2 === 0 ? variants : [...variants].reverse()) {
        const figures = await measure(`round ${index + 1}, ${variant.name}`, perRound, variant.send);
        const sum = totals.get(variant.name)!;
        sum.count += figures.count;
        sum.seconds += figures.seconds;
        sum.latencies.push(...figures.latencies);
        sum.rounds.push(round(figures.count / figures.seconds, 1));
      }
    }
    const summary = (name: string) => {
      const sum = totals.get(name)!;
      return { messages: sum.count, seconds: round(sum.seconds, 2), messagesPerSecond: round(sum.count / sum.seconds, 1), messagesPerSecondByRound: sum.rounds, latencyMs: percentiles(sum.latencies) };
    };
    const pipeline = summary('pipeline');
    const plainFigures = summary('plain');

    // Every pipeline send is in the ledger as sent, once.
    const sentInLedger = await store.models.messageSends.countDocuments({ status: 'sent' });
    if (sentInLedger !== WARMUP + pipeline.messages) throw new Error(`expected ${WARMUP + pipeline.messages} sent messages in the ledger, found ${sentInLedger}`);

    const figures = {
      benchmark: 'send',
      quick,
      store: 'ferretdbVersion' in buildInfo ? `FerretDB (speaking MongoDB ${String(buildInfo.version)})` : `MongoDB ${String(buildInfo.version)}`,
      smtp: mail.label,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      pipeline: { path: 'MessageSender.send → ledger → checks → render → decorate → queued → DeliveryService → SMTP → sent', ...pipeline, sentInLedger },
      plain: { path: 'nodemailer sendMail to the same SMTP', ...plainFigures },
      ratio: round(pipeline.messagesPerSecond / plainFigures.messagesPerSecond, 3),
      latencyRatio: { p50: pipeline.latencyMs.p50 && plainFigures.latencyMs.p50 ? round(pipeline.latencyMs.p50 / plainFigures.latencyMs.p50, 2) : null, p99: pipeline.latencyMs.p99 && plainFigures.latencyMs.p99 ? round(pipeline.latencyMs.p99 / plainFigures.latencyMs.p99, 2) : null },
      totalSeconds: round(seconds(startedAt)),
      /** 1/5/15-minute load averages of the machine (2 shared cores) before and after: other work skews the figures. */
      loadAverage: { before: loadBefore, after: os.loadavg().map((load) => round(load, 2)) },
    };
    const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);
    const latencies = (values: { p50: number | null; p99: number | null; max: number | null }) => `p50 ${ms(values.p50)}, p99 ${ms(values.p99)}, max ${ms(values.max)}`;
    console.log(`pipeline (rendered, checked, queued in the ledger, delivered, recorded): ${pipeline.messagesPerSecond} messages/s (by round ${pipeline.messagesPerSecondByRound.join(', ')}); per message ${latencies(pipeline.latencyMs)}`);
    console.log(`plain nodemailer to the same SMTP: ${plainFigures.messagesPerSecond} messages/s (by round ${plainFigures.messagesPerSecondByRound.join(', ')}); per message ${latencies(plainFigures.latencyMs)}`);
    console.log(`ratio pipeline ÷ plain: ${figures.ratio} (${CONCURRENCY} in flight, ${pipeline.messages} messages of each, ${ROUNDS} alternating rounds); latency ratio p50 ${figures.latencyRatio.p50}, p99 ${figures.latencyRatio.p99}`);
    console.log(JSON.stringify(figures));
  } finally {
    await delivery.stop();
    mailer.close();
    plainTransport.close();
    await store.connection.dropDatabase().catch(() => undefined);
    await store.close();
    await mail.stop();
    await storeServer.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
