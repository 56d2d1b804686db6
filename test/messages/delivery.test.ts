import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { JourneyService, type JourneyServiceDependencies } from '../../api/journeys/journeyService';
import { compileJourney, journeyGraphSchema, type JourneyGraph, type JourneyNode } from '../../domain/journeys';
import { emailChannel } from '../../messages/channels/email';
import { DEVELOPMENT_WEBHOOK_SECRET, verifyWebhookSignature, webhookChannel, type WebhookPayload } from '../../messages/channels/webhook';
import { addressCheck } from '../../messages/checks/address';
import { createMessageSender } from '../../messages/createSender';
import { DeliveryService } from '../../messages/deliveryService';
import { smtpMailer, type Mailer } from '../../messages/mailer';
import type { MessageDecorator, SendRequest } from '../../messages/pipeline';
import { MessageSender, UndeliverableMessageError } from '../../messages/sendMessage';
import { TemplateRenderer } from '../../messages/templateRenderer';
import type { Store, StoreModels } from '../../store/connection';
import { journeyVersionId } from '../../store/models/journeyVersion';
import { saveTemplates, waitUntil, type CaughtMail } from '../journeys/support';
import { dropAndClose, openTestStore, testConfig } from '../support/env';

const tag = randomUUID().slice(0, 8);
const templateId = `delivery-${tag}`;
const MAIL_FROM = 'Course Journeys <courses@example.com>';
const MAIL_REPLY_TO = 'help@example.com';
const WEBHOOK_SECRET = 'delivery-test-webhook-secret-0123';
const at = { x: 0, y: 0 };

/** Stands in for the compliance decorator: headers a decorator adds must reach the mail as they are. */
const headersDecorator: MessageDecorator = {
  decorate: (message) => ({ ...message, headers: { ...message.headers, 'List-Unsubscribe': '<https://example.com/u/token>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Delivery-Test': tag } }),
};

interface Wiring {
  sender: MessageSender;
  /** Stops the delivery service (it claims queued messages of the whole test database while it runs). */
  stop: () => Promise<void>;
}

/**
 * The sender and delivery service as createMessageSender wires them, minus the checks other tests
 * cover, plus the header decorator. One delivery service runs at a time: it would deliver any queued
 * message of the test database, including those a test means for another mailer.
 */
function wiring(models: StoreModels, mailer: Mailer, options: { webhookTimeoutMs?: number; settleTimeoutMs?: number } = {}): Wiring {
  const delivery = new DeliveryService(
    models,
    {
      email: emailChannel(mailer, { models, env: { MAIL_FROM, MAIL_REPLY_TO } }),
      webhook: webhookChannel({ NODE_ENV: 'test', WEBHOOK_SIGNING_SECRET: WEBHOOK_SECRET, timeoutMs: options.webhookTimeoutMs ?? 2_000 }),
    },
    { idlePollMs: 50 },
  );
  const sender = new MessageSender(models, {
    checks: [addressCheck],
    renderer: new TemplateRenderer(models),
    decorators: [headersDecorator],
    messageIdDomain: 'course-journeys.local',
    localDelivery: delivery,
    settleTimeoutMs: options.settleTimeoutMs ?? 20_000,
  });
  delivery.start();
  return { sender, stop: () => delivery.stop() };
}

function graphWith(delivery?: unknown): JourneyGraph {
  const nodes: JourneyNode[] = [
    { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } },
    { id: 'welcome', type: 'sendMessage', position: at, settings: { templateId, channel: 'email', kind: 'transactional', topic: 'promotions', whenHeldBack: 'defer' } },
    { id: 'done', type: 'exit', position: at, settings: {} },
  ];
  const edges = [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'welcome' },
    { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'done' },
  ];
  return journeyGraphSchema.parse({ nodes, edges, ...(delivery === undefined ? {} : { delivery }) });
}

const known = { segments: new Set<string>(), templates: new Set([templateId]), events: new Set<string>() };

describe('journey delivery settings', () => {
  it('accepts a sender name, address and reply-to, and is optional', () => {
    expect(graphWith({ fromName: 'UX Academy', fromAddress: 'ux@academy.example', replyTo: 'tutors@academy.example' }).delivery).toEqual({ fromName: 'UX Academy', fromAddress: 'ux@academy.example', replyTo: 'tutors@academy.example' });
    expect(graphWith({ fromName: 'UX Academy' }).delivery).toEqual({ fromName: 'UX Academy' });
    // Journeys saved before delivery settings existed parse unchanged.
    expect('delivery' in graphWith()).toBe(false);
  });

  it('refuses addresses that are not email addresses and names that would add header lines', () => {
    expect(() => graphWith({ fromAddress: 'not-an-address' })).toThrow();
    expect(() => graphWith({ replyTo: 'tutors at academy' })).toThrow();
    expect(() => graphWith({ fromName: 'UX Academy\r\nBcc: everyone@example.com' })).toThrow();
    expect(() => graphWith({ fromName: '' })).toThrow();
  });

  it('is carried into the executable version, and absent from versions of journeys without it', () => {
    const withDelivery = compileJourney(graphWith({ replyTo: 'tutors@academy.example' }), known);
    const without = compileJourney(graphWith(), known);
    expect(withDelivery.ok && withDelivery.journey.delivery).toEqual({ replyTo: 'tutors@academy.example' });
    expect(without.ok && 'delivery' in without.journey).toBe(false);
  });
});

/** A minimal SMTP server that answers RCPT TO and the message as told: real nodemailer errors, no catcher needed. */
async function scriptedSmtpServer(script: { rcpt?: string; data?: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 scripted ESMTP');
    socket.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffered.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffered = buffered.slice(end + 5);
          inData = false;
          reply(script.data ?? '250 2.0.0 queued');
          continue;
        }
        const newline = buffered.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 scripted');
        else if (verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 ok');
        else if (verb === 'RCPT') reply(script.rcpt ?? '250 2.1.5 ok');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver that answers each request with the next status of a script (200 once it runs out); 0 = never answer. */
async function webhookReceiver(): Promise<{ url: string; received: Received[]; answer: (...statuses: number[]) => void; close: () => Promise<void> }> {
  const received: Received[] = [];
  const script: number[] = [];
  const server: HttpServer = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = script.shift() ?? 200;
      if (status !== 0) response.writeHead(status, { 'Content-Type': 'text/plain' }).end(`answered ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/course-journeys?token=receiver-own-token`,
    received,
    answer: (...statuses) => script.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('delivery through the real store, SMTP catcher and an HTTP receiver', () => {
  let store: Store;
  let models: StoreModels;
  let catcher: Mailer;
  let learnerCount = 0;

  beforeAll(async () => {
    store = await openTestStore('msg_delivery');
    models = store.models;
    await saveTemplates(models, [templateId], tag);
    catcher = smtpMailer({ url: testConfig().smtp.url, from: MAIL_FROM });
  });
  afterAll(async () => {
    catcher.close();
    await dropAndClose(store);
  });

  async function withWiring<T>(mailer: Mailer, options: Parameters<typeof wiring>[2], use: (sender: MessageSender) => Promise<T>): Promise<T> {
    const wired = wiring(models, mailer, options);
    try {
      return await use(wired.sender);
    } finally {
      await wired.stop();
    }
  }

  /** A learner whose first name is unique, so the catcher's mails for them can be told apart (the subject names them). */
  async function learner(email?: string): Promise<{ id: string; firstName: string }> {
    learnerCount += 1;
    const id = `learner-${tag}-${learnerCount}`;
    const firstName = `Ada${learnerCount}x${tag}`;
    const now = new Date();
    await models.learners.create({ _id: id, traits: { firstName, ...(email ? { email } : {}) }, createdAt: now, updatedAt: now });
    return { id, firstName };
  }

  async function publishVersion(journeyId: string, delivery?: unknown): Promise<number> {
    const compiled = compileJourney(graphWith(delivery), known);
    if (!compiled.ok) throw new Error(`the test journey does not compile: ${JSON.stringify(compiled.problems)}`);
    await models.journeyVersions.create({ _id: journeyVersionId(journeyId, 1), journeyId, version: 1, name: journeyId, graph: graphWith(delivery), executable: compiled.journey, publishedAt: new Date() });
    return 1;
  }

  const request = (learnerId: string, extra: Partial<SendRequest> = {}): SendRequest => ({
    idempotencyKey: `send-${randomUUID()}`,
    learnerId,
    templateId,
    channel: 'email',
    kind: 'transactional',
    nodeId: 'welcome',
    ...extra,
  });

  /** The headers as they went over the wire (the inbox API leaves address headers out of its `headers`). */
  async function wireHeaders(mail: CaughtMail): Promise<Record<string, string>> {
    const source = await (await fetch(`${testConfig().smtp.inboxUrl}/api/email/${(mail as CaughtMail & { id: string }).id}/source`)).text();
    const head = source.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    return Object.fromEntries(
      head.split(/\r?\n/).map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
  }

  async function inboxFor(firstName: string): Promise<CaughtMail[]> {
    const response = await fetch(`${testConfig().smtp.inboxUrl}/api/email`);
    return ((await response.json()) as CaughtMail[]).filter((mail) => mail.subject.includes(firstName));
  }

  const ledger = (key: string) => models.messageSends.findById(key).lean<Record<string, unknown>>();
  const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as Error);

  describe('email', () => {
    it("sends from the journey's sender with its Reply-To, the Message-ID from the idempotency key and the decorators' headers", async () => {
      const journeyId = `from-${tag}`;
      const version = await publishVersion(journeyId, { fromName: 'UX Academy', fromAddress: 'ux@academy.example', replyTo: 'tutors@academy.example' });
      const ada = await learner(`${tag}-ada@example.com`);
      const send = request(ada.id, { journeyId, journeyVersion: version, idempotencyKey: `${journeyId}/${ada.id}/run-1/welcome/1` });

      const outcome = await withWiring(catcher, {}, (sender) => sender.send(send));

      const messageId = `<${journeyId}.${ada.id}.run-1.welcome.1@course-journeys.local>`;
      expect(outcome).toEqual({ status: 'sent', messageId });
      const [mail, ...others] = await waitUntil(async () => (await inboxFor(ada.firstName)).length > 0 && inboxFor(ada.firstName));
      expect(others).toHaveLength(0);
      expect(mail!.to[0]!.address).toBe(`${tag}-ada@example.com`);
      const wire = await wireHeaders(mail!);
      expect(wire.from).toBe('UX Academy <ux@academy.example>');
      expect(wire['reply-to']).toBe('tutors@academy.example');
      expect(wire['message-id']).toBe(messageId);
      expect(wire['list-unsubscribe']).toBe('<https://example.com/u/token>');
      expect(wire['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(wire['x-delivery-test']).toBe(tag);
      expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'sent', channel: 'email', providerResponse: expect.stringMatching(/^250/) });
    });

    it('fills what the journey leaves out from MAIL_FROM and MAIL_REPLY_TO, and uses them for versions without delivery settings', async () => {
      const named = `name-only-${tag}`;
      const plain = `plain-${tag}`;
      await publishVersion(named, { fromName: 'Tutors of UX' });
      await publishVersion(plain);
      const grace = await learner(`${tag}-grace@example.com`);
      const alan = await learner(`${tag}-alan@example.com`);

      await withWiring(catcher, {}, async (sender) => {
        await sender.send(request(grace.id, { journeyId: named, journeyVersion: 1 }));
        await sender.send(request(alan.id, { journeyId: plain, journeyVersion: 1 }));
      });

      const [toGrace] = await waitUntil(async () => (await inboxFor(grace.firstName)).length > 0 && inboxFor(grace.firstName));
      const [toAlan] = await waitUntil(async () => (await inboxFor(alan.firstName)).length > 0 && inboxFor(alan.firstName));
      const [graceHeaders, alanHeaders] = await Promise.all([wireHeaders(toGrace!), wireHeaders(toAlan!)]);
      expect(graceHeaders.from).toBe('Tutors of UX <courses@example.com>');
      expect(graceHeaders['reply-to']).toBe(MAIL_REPLY_TO);
      expect(alanHeaders.from).toBe(MAIL_FROM);
      expect(alanHeaders['reply-to']).toBe(MAIL_REPLY_TO);
    });

    it('suppresses an address the server refuses for good (550) and gives up on the message', async () => {
      const smtp = await scriptedSmtpServer({ rcpt: `550 5.1.1 <${tag}-gone@example.com>: Recipient address rejected: User unknown` });
      const mailer = smtpMailer({ url: smtp.url, from: MAIL_FROM });
      try {
        const gone = await learner(`${tag}-Gone@Example.com`);
        const send = request(gone.id);

        const failure = await withWiring(mailer, {}, (sender) => failureOf(sender.send(send)));

        expect(failure).toBeInstanceOf(UndeliverableMessageError);
        expect(failure!.message).toMatch(/550 5\.1\.1/);
        // Failure messages end up in Temporal histories and the ledger: the address must not.
        expect(failure!.message).not.toMatch(/gone@example\.com/i);
        expect(await models.suppressions.findById(`${tag}-gone@example.com`).lean()).toMatchObject({ reason: 'hard_bounce', at: expect.any(Date) });
        const entry = await ledger(send.idempotencyKey);
        expect(entry).toMatchObject({ status: 'failed', reason: expect.stringMatching(/550 5\.1\.1/) });
        expect(JSON.stringify(entry)).not.toMatch(/gone@example\.com/i);
      } finally {
        mailer.close();
        await smtp.close();
      }
    });

    it('records a refusal of the address syntax (553) as an invalid address', async () => {
      const smtp = await scriptedSmtpServer({ rcpt: '553 5.1.3 mailbox name not allowed' });
      const mailer = smtpMailer({ url: smtp.url, from: MAIL_FROM });
      try {
        const odd = await learner(`${tag}-odd@example.com`);
        const failure = await withWiring(mailer, {}, (sender) => failureOf(sender.send(request(odd.id))));
        expect(failure).toBeInstanceOf(UndeliverableMessageError);
        expect(await models.suppressions.findById(`${tag}-odd@example.com`).lean()).toMatchObject({ reason: 'invalid' });
      } finally {
        mailer.close();
        await smtp.close();
      }
    });

    it('gives up on a message refused after DATA (554) without suppressing the address', async () => {
      const smtp = await scriptedSmtpServer({ data: '554 5.7.1 message content rejected' });
      const mailer = smtpMailer({ url: smtp.url, from: MAIL_FROM });
      try {
        const bea = await learner(`${tag}-bea@example.com`);
        const failure = await withWiring(mailer, {}, (sender) => failureOf(sender.send(request(bea.id))));
        expect(failure).toBeInstanceOf(UndeliverableMessageError);
        expect(failure!.message).toMatch(/554 5\.7\.1/);
        expect(await models.suppressions.findById(`${tag}-bea@example.com`).lean()).toBeNull();
      } finally {
        mailer.close();
        await smtp.close();
      }
    });

    it('retries "try later" (451) and a server that is down, and once SMTP is back sends exactly one mail', async () => {
      const greylisting = await scriptedSmtpServer({ rcpt: `451 4.7.1 <${tag}-cy@example.com>: greylisted, try again later` });
      const greylistMailer = smtpMailer({ url: greylisting.url, from: MAIL_FROM });
      // A port nothing listens on: the scripted server's, once it is closed.
      const down = await scriptedSmtpServer({});
      await down.close();
      const downMailer = smtpMailer({ url: down.url, from: MAIL_FROM });
      try {
        const cy = await learner(`${tag}-cy@example.com`);
        const send = request(cy.id);

        // The activity's wait for the delivery runs out; the message stays queued for retries.
        const later = await withWiring(greylistMailer, { settleTimeoutMs: 1_500 }, (sender) => failureOf(sender.send(send)));
        expect(later).toBeInstanceOf(Error);
        expect(later).not.toBeInstanceOf(UndeliverableMessageError);
        expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'queued', lastError: expect.stringMatching(/451 4\.7\.1/) });

        await withWiring(downMailer, {}, () => waitUntil(async () => /ECONNREFUSED/.test(String((await ledger(send.idempotencyKey))?.lastError))));
        const entry = await ledger(send.idempotencyKey);
        expect(entry).toMatchObject({ status: 'queued' });
        expect(JSON.stringify(entry)).not.toMatch(/cy@example\.com/);
        expect(await models.suppressions.findById(`${tag}-cy@example.com`).lean()).toBeNull();

        // SMTP is back: the activity's retry (same request) finds it delivered once, and a further retry sends nothing.
        await withWiring(catcher, {}, async (sender) => {
          expect((await sender.send(send)).status).toBe('sent');
          expect((await sender.send(send)).status).toBe('sent');
        });
        await waitUntil(async () => (await inboxFor(cy.firstName)).length > 0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await inboxFor(cy.firstName)).toHaveLength(1);
      } finally {
        greylistMailer.close();
        downMailer.close();
        await greylisting.close();
      }
    });
  });

  describe('the delivery queue', () => {
    it('holds a send only until it is settled, and its scan reads the ledger by id only, however long the ledger', async () => {
      const dee = await learner(`${tag}-dee@example.com`);
      const send = request(dee.id);
      const reads: { collection: string; query: unknown }[] = [];
      mongoose.set('debug', (collection: string, method: string, query: unknown) => {
        if (method.startsWith('find')) reads.push({ collection, query });
      });
      try {
        await withWiring(catcher, {}, async (sender) => {
          expect((await sender.send(send)).status).toBe('sent');
          // Idle: a few scans of the queue.
          await new Promise((resolve) => setTimeout(resolve, 300));
        });
      } finally {
        mongoose.set('debug', false);
      }
      expect(await models.deliveryQueue.findById(send.idempotencyKey).lean()).toBeNull();
      // FerretDB reads the whole collection for any other query, and the ledger only grows.
      expect(reads.filter(({ collection }) => collection === 'delivery_queue').length).toBeGreaterThan(0);
      expect(reads.filter(({ collection, query }) => collection === 'message_sends' && typeof (query as { _id?: unknown })._id !== 'string')).toEqual([]);
    });

    it('delivers what a process without a delivery service queued, and a send whose queue entry was lost once its activity is retried', async () => {
      const eve = await learner(`${tag}-eve@example.com`);
      const elsewhere = request(eve.id);
      const lost = request(eve.id);
      // The worker's sender: it queues, and a delivery service in another process delivers.
      const workerSender = new MessageSender(models, { checks: [addressCheck], renderer: new TemplateRenderer(models), decorators: [], messageIdDomain: 'course-journeys.local', settleTimeoutMs: 1_000 });
      expect(await failureOf(workerSender.send(lost))).toBeInstanceOf(Error);
      expect(await ledger(lost.idempotencyKey)).toMatchObject({ status: 'queued' });
      await models.deliveryQueue.deleteOne({ _id: lost.idempotencyKey });

      await withWiring(catcher, {}, async () => {
        const retrying = new MessageSender(models, { checks: [addressCheck], renderer: new TemplateRenderer(models), decorators: [], messageIdDomain: 'course-journeys.local', settleTimeoutMs: 20_000 });
        expect((await retrying.send(elsewhere)).status).toBe('sent');
        expect((await retrying.send(lost)).status).toBe('sent');
      });
      await waitUntil(async () => (await inboxFor(eve.firstName)).length >= 2);
      expect(await models.deliveryQueue.countDocuments({ _id: { $in: [elsewhere.idempotencyKey, lost.idempotencyKey] } })).toBe(0);
    });

    it('drops entries of settled sends without sending again, and looks again later at a send still being prepared', async () => {
      const fay = await learner(`${tag}-fay@example.com`);
      const sent = request(fay.id);
      await withWiring(catcher, {}, async (sender) => expect((await sender.send(sent)).status).toBe('sent'));
      await waitUntil(async () => (await inboxFor(fay.firstName)).length === 1);
      const now = new Date();
      const preparing = `send-${randomUUID()}`;
      await models.messageSends.create({ _id: preparing, learnerId: fay.id, templateId, channel: 'email', kind: 'transactional', status: 'sending', createdAt: now });
      // Left behind by a process that died after settling, and by a sender between writing the entry and queueing.
      await models.deliveryQueue.insertMany([
        { _id: sent.idempotencyKey, dueAt: now, since: now },
        { _id: preparing, dueAt: now, since: new Date(now.getTime() - 10_000) },
      ]);

      await withWiring(catcher, {}, () => waitUntil(async () => (await models.deliveryQueue.findById(sent.idempotencyKey).lean()) === null));
      // Queued ten seconds ago and still not sent: looked at again in about as long.
      const waiting = await models.deliveryQueue.findById(preparing).lean();
      expect(waiting!.dueAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await inboxFor(fay.firstName)).toHaveLength(1);
      await models.deliveryQueue.deleteOne({ _id: preparing });
    });
  });

  describe('webhook', () => {
    let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
    beforeEach(async () => {
      receiver = await webhookReceiver();
    });
    afterEach(async () => {
      await receiver.close();
    });

    const webhookRequest = (learnerId: string, extra: Partial<SendRequest> = {}) => request(learnerId, { channel: 'webhook', webhookUrl: receiver.url, journeyId: `hook-${tag}`, journeyVersion: 1, ...extra });

    it('POSTs the rendered message as signed JSON with the send id as Idempotency-Key', async () => {
      const kim = await learner();
      const send = webhookRequest(kim.id);

      const outcome = await withWiring(catcher, {}, (sender) => sender.send(send));

      expect(outcome.status).toBe('sent');
      expect(receiver.received).toHaveLength(1);
      const [{ headers, body }] = receiver.received as [Received];
      expect(headers['content-type']).toBe('application/json');
      expect(headers['idempotency-key']).toBe(send.idempotencyKey);
      const signature = headers['x-course-journeys-signature'] as string;
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(WEBHOOK_SECRET, signature, body, Date.now(), 300)).toBe(true);
      expect(verifyWebhookSignature(DEVELOPMENT_WEBHOOK_SECRET, signature, body, Date.now(), 300)).toBe(false);
      expect(verifyWebhookSignature(WEBHOOK_SECRET, signature, body.replace(kim.firstName, 'Mallory'), Date.now(), 300)).toBe(false);
      const payload = JSON.parse(body) as WebhookPayload;
      expect(payload).toEqual({
        id: send.idempotencyKey,
        messageId: outcome.status === 'sent' ? outcome.messageId : 'not sent',
        learnerId: kim.id,
        journeyId: `hook-${tag}`,
        nodeId: 'welcome',
        templateId,
        templateVersion: 1,
        subject: expect.stringContaining(kim.firstName),
        html: expect.stringContaining(kim.firstName),
        text: expect.stringContaining(kim.firstName),
        sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(Math.abs(Date.parse(payload.sentAt) - Date.now())).toBeLessThan(60_000);
      expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'sent', channel: 'webhook', providerResponse: 'HTTP 200' });
    });

    it('retries after a 500 with the same id and key, records one sent entry, and calls no more', async () => {
      const lee = await learner();
      const send = webhookRequest(lee.id);
      receiver.answer(500);

      await withWiring(catcher, {}, async (sender) => {
        expect((await sender.send(send)).status).toBe('sent');
        expect((await sender.send(send)).status).toBe('sent');
      });

      expect(receiver.received).toHaveLength(2);
      const ids = receiver.received.map(({ headers, body }) => [headers['idempotency-key'], (JSON.parse(body) as WebhookPayload).id]);
      expect(ids).toEqual([
        [send.idempotencyKey, send.idempotencyKey],
        [send.idempotencyKey, send.idempotencyKey],
      ]);
      expect(await models.messageSends.countDocuments({ learnerId: lee.id })).toBe(1);
      const entry = await ledger(send.idempotencyKey);
      expect(entry).toMatchObject({ status: 'sent', providerResponse: 'HTTP 200', attempts: 2, lastError: expect.stringMatching(/HTTP 500/) });
      // The receiver's own query-string token stays out of error messages.
      expect(entry?.lastError).not.toMatch(/receiver-own-token/);
    });

    it('gives up when the receiver refuses the message (400), but retries 408 and 429', async () => {
      const max = await learner();
      receiver.answer(400, 408, 200, 429, 200);
      const refused = webhookRequest(max.id);

      await withWiring(catcher, {}, async (sender) => {
        const failure = await failureOf(sender.send(refused));
        expect(failure).toBeInstanceOf(UndeliverableMessageError);
        expect(failure!.message).toMatch(/HTTP 400/);
        expect((await sender.send(webhookRequest(max.id))).status).toBe('sent');
        expect((await sender.send(webhookRequest(max.id))).status).toBe('sent');
      });

      expect(receiver.received).toHaveLength(5);
      expect(await ledger(refused.idempotencyKey)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/HTTP 400/) });
    });

    it('counts a receiver that does not answer in time as a failure to retry', async () => {
      const noa = await learner();
      receiver.answer(0);
      const send = webhookRequest(noa.id);

      const outcome = await withWiring(catcher, { webhookTimeoutMs: 300 }, (sender) => sender.send(send));

      expect(outcome.status).toBe('sent');
      expect(receiver.received).toHaveLength(2);
      expect(await ledger(send.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 2, lastError: expect.stringMatching(/no answer within 300 ms/) });
    });

    it('makes no request for a send that is skipped', async () => {
      const skipped = await withWiring(catcher, {}, (sender) => sender.send(webhookRequest(`no-such-learner-${tag}`)));
      expect(skipped).toEqual({ status: 'skipped', reason: 'the learner no longer exists' });
      expect(receiver.received).toHaveLength(0);
    });

    it('is wired into createMessageSender, signing with the environment secret', async () => {
      const pat = await learner();
      const env = { ...testConfig().env, NODE_ENV: 'test' as const, WEBHOOK_SIGNING_SECRET: WEBHOOK_SECRET, MAIL_FROM, MAIL_REPLY_TO };
      const { sender, delivery } = createMessageSender({ models, mailer: catcher, env, publicUrl: 'http://localhost:3000' });
      delivery.start();
      try {
        expect((await sender.send(webhookRequest(pat.id))).status).toBe('sent');
      } finally {
        await delivery.stop();
      }

      expect(receiver.received).toHaveLength(1);
      const [{ headers, body }] = receiver.received as [Received];
      expect(verifyWebhookSignature(WEBHOOK_SECRET, headers['x-course-journeys-signature'] as string, body, Date.now(), 300)).toBe(true);
    });
  });

  describe('publishing', () => {
    // Validation reads only the store (segments, templates, known events); nothing else is needed.
    const service = () => new JourneyService({ models } as unknown as JourneyServiceDependencies);
    const withWebhook = (webhookUrl?: string): JourneyGraph => {
      const graph = graphWith();
      return { ...graph, nodes: graph.nodes.map((node) => (node.type === 'sendMessage' ? { ...node, settings: { ...node.settings, channel: 'webhook', ...(webhookUrl ? { webhookUrl } : {}) } } : node)) };
    };

    it('accepts a webhook step with a URL and refuses one without', async () => {
      expect(await service().validate(withWebhook('https://crm.example.com/hook'))).toEqual({ ok: true, problems: [], warnings: [] });
      const refused = await service().validate(withWebhook());
      expect(refused.ok).toBe(false);
      expect(refused.problems).toEqual([{ nodeId: 'welcome', code: 'missing_webhook_url', message: expect.stringMatching(/"welcome" calls a webhook without a URL/) }]);
    });
  });
});
