import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { segmentRuleSchema } from '../../domain/segments';
import {
  estimateSchema,
  listMembersSchema,
  membershipPeriodSchema,
  ruleWarningSchema,
  segmentIdSchema,
  segmentInputSchema,
  segmentViewSchema,
  staticSegmentInputSchema,
} from '../../domain/segments/definition';
import { fieldIssues } from '../../domain/errors';
import { invalidBody } from '../errors';
import type { SegmentCatalog } from '../segments/segmentCatalog';
import { errorResponses } from './errorResponses';

const errors = errorResponses(400, 401, 403, 404, 409, 415, 503);
const params = z.object({ segmentId: segmentIdSchema });
/** A list of 100,000 addresses is a few megabytes. */
const LIST_BODY_LIMIT = 10 * 1024 * 1024;
const warnings = z.array(ruleWarningSchema).describe('unknown event or trait names: allowed, but probably a typo');

/** A list upload's members: the first column of a CSV (a header row naming email/id is skipped). */
function membersFromCsv(text: string): string[] {
  const rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  const values = rows.map((row) => row[0] ?? '').filter(Boolean);
  if (values.length > 0 && /^(e-?mail|email address|id|learner ?id|user ?id)$/i.test(values[0]!)) values.shift();
  return values;
}

function listMembers(body: unknown): string[] {
  const members = typeof body === 'string' ? membersFromCsv(body) : (body as { members?: unknown })?.members;
  const parsed = listMembersSchema.safeParse(members);
  if (!parsed.success) throw invalidBody(fieldIssues(parsed.error.issues.map((issue) => ({ ...issue, path: ['members', ...issue.path] }))));
  return parsed.data;
}

/** Segments: dynamic rules and static lists, their members, estimates and explanations. Admin keys only. */
export async function segmentRoutes(app: FastifyInstance, options: { catalog: SegmentCatalog }) {
  const { catalog } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));
  routes.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  routes.get(
    '/api/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Segments with their current sizes',
        security: [{ adminKey: [] }],
        querystring: z.object({ archived: z.enum(['true', 'false']).default('false').describe('include archived segments') }),
        response: { 200: z.object({ segments: z.array(segmentViewSchema) }), ...errors },
      },
    },
    async (request) => ({ segments: await catalog.list({ includeArchived: request.query.archived === 'true' }) }),
  );

  routes.post(
    '/api/segments',
    {
      schema: {
        tags: ['segments'],
        summary: 'Create a dynamic segment; its members are computed in the background',
        security: [{ adminKey: [] }],
        body: segmentInputSchema,
        response: { 201: z.object({ segment: segmentViewSchema, warnings, estimate: estimateSchema }), ...errors },
      },
    },
    async (request, reply) => {
      const created = await catalog.create(request.body);
      return reply.code(201).send({ ...created, estimate: await catalog.describeEstimate(created.estimate) });
    },
  );

  routes.post(
    '/api/segments/estimate',
    {
      schema: {
        tags: ['segments'],
        summary: 'How many learners a rule matches now, with 20 of them, before saving it',
        security: [{ adminKey: [] }],
        body: z.object({ rule: segmentRuleSchema }),
        response: { 200: z.object({ estimate: estimateSchema, warnings }), ...errors },
      },
    },
    async (request) => {
      const found = await catalog.checkRule(request.body.rule);
      return { estimate: await catalog.estimate(request.body.rule), warnings: found };
    },
  );

  // Before /api/segments/:segmentId (the router prefers a static path whatever the order). A segment
  // whose id is "known-names" would be shadowed here for GET, so segment ids must not take it.
  routes.get(
    '/api/segments/known-names',
    {
      schema: {
        tags: ['segments'],
        summary: 'Event and trait names the workspace knows (the canonical ones and those seen on learners), sorted: suggestions for rules and templates',
        security: [{ adminKey: [] }],
        response: { 200: z.object({ events: z.array(z.string()), traits: z.array(z.string()) }), ...errors },
      },
    },
    async () => {
      const names = await catalog.knownNames();
      return { events: [...names.events].sort(), traits: [...names.traits].sort() };
    },
  );

  routes.post(
    '/api/segments/lists',
    {
      bodyLimit: LIST_BODY_LIMIT,
      schema: {
        tags: ['segments'],
        summary: 'Create a static segment from a list of emails, user ids or learner ids (JSON, or text/csv with ?name=)',
        security: [{ adminKey: [] }],
        consumes: ['application/json', 'text/csv'],
        querystring: z.object({ name: z.string().trim().min(1).max(120).optional(), description: z.string().max(1000).optional() }),
        response: { 201: z.object({ segment: segmentViewSchema, added: z.number(), unknown: z.array(z.string()).describe('members that match no learner') }), ...errors },
      },
    },
    async (request, reply) => {
      const fromCsv = typeof request.body === 'string';
      const input = staticSegmentInputSchema.safeParse(
        fromCsv ? { name: request.query.name, description: request.query.description, members: listMembers(request.body) } : request.body,
      );
      if (!input.success) throw invalidBody(fieldIssues(input.error.issues));
      const created = await catalog.createStatic(input.data);
      return reply.code(201).send({ segment: created.segment, added: created.added, unknown: created.unknown });
    },
  );

  routes.get(
    '/api/segments/:segmentId',
    { schema: { tags: ['segments'], summary: 'One segment with its size and evaluation progress', security: [{ adminKey: [] }], params, response: { 200: z.object({ segment: segmentViewSchema }), ...errors } } },
    async (request) => ({ segment: await catalog.get(request.params.segmentId) }),
  );

  routes.put(
    '/api/segments/:segmentId',
    {
      schema: {
        tags: ['segments'],
        summary: 'Change a dynamic segment (a new version); all learners are re-evaluated in the background',
        security: [{ adminKey: [] }],
        params,
        body: segmentInputSchema,
        response: { 200: z.object({ segment: segmentViewSchema, warnings }), ...errors },
      },
    },
    async (request) => catalog.update(request.params.segmentId, request.body),
  );

  routes.put(
    '/api/segments/:segmentId/members',
    {
      bodyLimit: LIST_BODY_LIMIT,
      schema: {
        tags: ['segments'],
        summary: "Replace a static segment's members (JSON {members} or text/csv)",
        security: [{ adminKey: [] }],
        consumes: ['application/json', 'text/csv'],
        params,
        response: { 200: z.object({ added: z.number(), removed: z.number(), unknown: z.array(z.string()) }), ...errors },
      },
    },
    async (request) => catalog.replaceList(request.params.segmentId, listMembers(request.body)),
  );

  routes.post(
    '/api/segments/:segmentId/archive',
    { schema: { tags: ['segments'], summary: 'Archive a segment: it stops being evaluated and its members leave', security: [{ adminKey: [] }], params, response: { 200: z.object({ segment: segmentViewSchema }), ...errors } } },
    async (request) => ({ segment: await catalog.archive(request.params.segmentId) }),
  );

  routes.get(
    '/api/segments/:segmentId/members',
    {
      schema: {
        tags: ['segments'],
        summary: 'Members, in pages',
        security: [{ adminKey: [] }],
        params,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), after: z.string().max(200).optional().describe('`next` of the previous page') }),
        response: {
          200: z.object({ members: z.array(z.object({ learnerId: z.string(), email: z.string().nullable(), name: z.string().nullable(), since: z.string().nullable() })), next: z.string().nullable() }),
          ...errors,
        },
      },
    },
    async (request) => catalog.members(request.params.segmentId, request.query),
  );

  routes.get(
    '/api/segments/:segmentId/learners/:learnerId',
    {
      schema: {
        tags: ['segments'],
        summary: 'Why a learner is in (or out of) a segment: each condition, whether it holds and why',
        security: [{ adminKey: [] }],
        params: params.extend({ learnerId: z.string().min(1).max(200) }),
        response: { 200: z.object({ member: z.boolean(), matchesNow: z.boolean(), explanation: z.unknown().nullable() }), ...errors },
      },
    },
    async (request) => catalog.explain(request.params.segmentId, request.params.learnerId),
  );

  routes.get(
    '/api/learners/:learnerId/segments',
    {
      schema: {
        tags: ['segments'],
        summary: "A learner's segments now and their membership history",
        security: [{ adminKey: [] }],
        params: z.object({ learnerId: z.string().min(1).max(200) }),
        response: { 200: z.object({ segmentIds: z.array(z.string()), periods: z.array(membershipPeriodSchema) }), ...errors },
      },
    },
    async (request) => catalog.history(request.params.learnerId),
  );
}
