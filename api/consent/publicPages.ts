import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ALL_MARKETING } from '../../messages/consent/audit';
import type { Consents } from '../../messages/consent/consents';
import type { ConsentLinks } from '../../messages/consent/links';
import type { MessageTokens, TokenClaims, TokenPurpose } from '../../messages/tokens';
import type { LearnerDocument } from '../../store/models/learner';
import { confirmedPage, incompleteFormPage, invalidLinkPage, preferencesPage, unsubscribeConfirmPage, unsubscribedPage } from './pages';

export interface PublicPageOptions {
  consents: Consents;
  tokens: MessageTokens;
  links: ConsentLinks;
}

/** A form body: each field's values in order (checkbox groups repeat a name). */
type FormFields = Record<string, string[]>;

const FORM_LIMIT_BYTES = 16 * 1024;

function parseForm(body: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(body)) (fields[name] ??= []).push(value);
  return fields;
}

const formOf = (request: FastifyRequest): FormFields => (request.body && typeof request.body === 'object' && !Array.isArray(request.body) ? (request.body as FormFields) : {});

/**
 * The pages learners reach from an email: no API key, the signed token in the URL is the authority.
 * Tokens are long, so they travel in a wildcard segment (fastify caps named parameters at 100
 * characters). Every bad token gets the same 404 page and changes nothing.
 */
export async function publicConsentPages(app: FastifyInstance, { consents, tokens, links }: PublicPageOptions) {
  // Forms post application/x-www-form-urlencoded; RFC 8058 one-click clients may also post
  // multipart/form-data or nothing in particular. Parsers added here apply to these routes only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_request, body, done) => done(null, parseForm(body as string)));
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_request, body, done) => done(null, { raw: [body as string] }));

  app.addHook('onSend', async (_request, reply) => {
    // The URL holds a token: no caching, no referrer leaving the page, no framing, no indexing.
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-robots-tag', 'noindex');
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  });

  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type('text/html; charset=utf-8').send(body);
  const invalid = (reply: FastifyReply) => html(reply, 404, invalidLinkPage());

  /** The token's claims and the learner's live profile, or undefined for any reason at all. */
  const authorise = async (request: FastifyRequest, purpose: TokenPurpose): Promise<{ claims: TokenClaims; learner: LearnerDocument } | undefined> => {
    const token = (request.params as { '*'?: string })['*'] ?? '';
    if (token.includes('/')) return undefined;
    const claims = tokens.verify(purpose, token);
    if (!claims) return undefined;
    const learner = await consents.liveLearner(claims.learnerId);
    return learner ? { claims, learner } : undefined;
  };
  const preferencesUrl = (claims: TokenClaims, learner: LearnerDocument) => links.preferences({ learnerId: learner._id, sendId: claims.sendId });

  app.get('/preferences/confirm/*', { schema: { tags: ['consent pages'], summary: 'Double opt-in confirmation link: confirms a pending opt-in' } }, async (request, reply) => {
    const found = await authorise(request, 'confirm');
    const topic = found && found.claims.topic ? await consents.topics.get(found.claims.topic) : undefined;
    if (!found || !topic) return invalid(reply);
    const current = await consents.status(found.learner._id, topic);
    // Only a pending opt-in is confirmed: a stale link must not undo a later opt-out.
    if (current === 'pending') await consents.set(found.learner._id, topic, 'opted_in', { actor: 'learner', source: 'double_opt_in' });
    else if (current !== 'opted_in') return invalid(reply);
    return html(reply, 200, confirmedPage(topic.name, preferencesUrl(found.claims, found.learner)));
  });

  app.get('/preferences/*', { schema: { tags: ['consent pages'], summary: 'The preference page' } }, async (request, reply) => {
    const found = await authorise(request, 'preferences');
    if (!found) return invalid(reply);
    return html(reply, 200, preferencesPage(await consents.view(found.learner)));
  });

  app.post('/preferences/*', { schema: { tags: ['consent pages'], summary: 'Saves the preference page' } }, async (request, reply) => {
    const found = await authorise(request, 'preferences');
    if (!found) return invalid(reply);
    const form = formOf(request);
    // Without the form's own marker an empty or foreign POST would read as "untick everything".
    if (form.form?.[0] !== 'preferences') return html(reply, 400, incompleteFormPage());
    const wanted = new Set(form.topic ?? []);
    const options = { actor: 'learner', source: 'preference_page' } as const;
    const before = await consents.view(found.learner);
    for (const entry of before.topics) {
      const topic = { id: entry.topic, name: entry.name, doubleOptIn: entry.doubleOptIn };
      // Ticking a double opt-in topic here confirms it: the page's link came through the learner's own mailbox.
      if (wanted.has(entry.topic) && entry.status !== 'opted_in') await consents.set(found.learner._id, topic, 'opted_in', options);
      if (!wanted.has(entry.topic) && entry.status !== 'opted_out') await consents.set(found.learner._id, topic, 'opted_out', options);
    }
    await consents.setUnsubscribedFromAll(found.learner, form.unsubscribe_all?.[0] === 'yes', options);
    const learner = (await consents.liveLearner(found.learner._id)) ?? found.learner;
    return html(reply, 200, preferencesPage(await consents.view(learner), { message: 'Your preferences are saved.' }));
  });

  /** What an unsubscribe link stops: its topic, or all marketing when it names none (or one that is gone). */
  const scopeOf = async (claims: TokenClaims) => {
    const topic = claims.topic ? await consents.topics.get(claims.topic) : undefined;
    return { topic, what: topic ? `emails about ${topic.name}` : 'marketing emails' };
  };

  app.get('/unsubscribe/*', { schema: { tags: ['consent pages'], summary: 'Unsubscribe link: asks for confirmation, changes nothing' } }, async (request, reply) => {
    const found = await authorise(request, 'unsubscribe');
    if (!found) return invalid(reply);
    const { what } = await scopeOf(found.claims);
    return html(reply, 200, unsubscribeConfirmPage(what, preferencesUrl(found.claims, found.learner)));
  });

  app.post('/unsubscribe/*', { schema: { tags: ['consent pages'], summary: "RFC 8058 one-click unsubscribe (body List-Unsubscribe=One-Click), also the confirmation page's button" } }, async (request, reply) => {
    const found = await authorise(request, 'unsubscribe');
    if (!found) return invalid(reply);
    const form = formOf(request);
    // Any POST with a valid token unsubscribes (a mail client's body is not always exactly RFC 8058's);
    // the body only tells which way the request came, for the record.
    const oneClick = form['List-Unsubscribe']?.[0] === 'One-Click' || (form.raw?.[0] ?? '').includes('One-Click');
    const options = { actor: 'learner', source: oneClick ? 'one_click' : 'unsubscribe_link' } as const;
    const { topic, what } = await scopeOf(found.claims);
    if (topic) await consents.set(found.learner._id, topic, 'opted_out', options);
    else await consents.setUnsubscribedFromAll(found.learner, true, options);
    request.log.info({ learnerId: found.learner._id, topic: topic?.id ?? ALL_MARKETING }, 'unsubscribed');
    return html(reply, 200, unsubscribedPage(what, preferencesUrl(found.claims, found.learner)));
  });
}
