import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createHttpEnricher, EnrichmentLookupError } from './httpEnricher';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A stand-in provider on 127.0.0.1 whose answer each test sets. */
let handler: Handler;
let server: Server;
let baseUrl: string;
const requests: { url: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
});

const json = (status: number, body: unknown): Handler => (_request, response) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const enricher = (options: Partial<Parameters<typeof createHttpEnricher>[0]> = {}) =>
  createHttpEnricher({ name: 'people', url: `${baseUrl}/person?email={email}`, timeoutMs: 500, ...options });

describe('createHttpEnricher', () => {
  test('sends the encoded email and the configured headers, and picks the default fields', async () => {
    handler = json(200, { company: 'Acme', jobTitle: 'CTO', industry: 'EdTech', city: 'Berlin', country: 'DE', salary: 100_000, id: 'p_1' });
    const traits = await enricher({ headers: { authorization: 'Bearer secret' } }).lookup('jane+courses@acme.com');
    expect(traits).toEqual({ company: 'Acme', jobTitle: 'CTO', industry: 'EdTech', city: 'Berlin', country: 'DE' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('/person?email=jane%2Bcourses%40acme.com');
    expect(requests[0]?.headers.authorization).toBe('Bearer secret');
    expect(requests[0]?.headers.accept).toBe('application/json');
  });

  test('picks a configured list of fields', async () => {
    handler = json(200, { company: 'Acme', seniority: 'exec', linkedin: 'in/jane' });
    expect(await enricher({ pick: ['company', 'linkedin'] }).lookup('jane@acme.com')).toEqual({ company: 'Acme', linkedin: 'in/jane' });
  });

  test('maps nested response fields to traits', async () => {
    handler = json(200, { person: { employment: { name: 'Acme', title: 'Teacher' }, geo: { city: 'Leeds' } } });
    const pick = { company: 'person.employment.name', jobTitle: 'person.employment.title', city: 'person.geo.city', country: 'person.geo.country' };
    expect(await enricher({ pick }).lookup('jane@acme.com')).toEqual({ company: 'Acme', jobTitle: 'Teacher', city: 'Leeds' });
  });

  test('keeps only plain values', async () => {
    handler = json(200, { company: { name: 'Acme' }, jobTitle: '  ', industry: null, city: ['Paris'], country: 'FR', employees: 50, public: false });
    const traits = await enricher({ pick: ['company', 'jobTitle', 'industry', 'city', 'country', 'employees', 'public'] }).lookup('jane@acme.com');
    expect(traits).toEqual({ country: 'FR', employees: 50, public: false });
  });

  test.each([
    ['an empty object', {}],
    ['no wanted field', { salary: 1 }],
    ['an array', [{ company: 'Acme' }]],
    ['a string', 'Acme'],
    ['null', null],
  ])('a 200 with %s is "nothing found"', async (_what, body) => {
    handler = json(200, body);
    expect(await enricher().lookup('jane@acme.com')).toBeUndefined();
  });

  test.each([404, 204])('HTTP %d is "nothing found"', async (status) => {
    handler = (_request, response) => {
      response.writeHead(status);
      response.end();
    };
    expect(await enricher().lookup('nobody@acme.com')).toBeUndefined();
  });

  test.each([400, 401, 403, 429, 500, 502, 503, 201, 301])('HTTP %d is a failed lookup, not an answer', async (status) => {
    handler = json(status, { company: 'Acme' });
    await expect(enricher().lookup('jane@acme.com')).rejects.toThrow(new EnrichmentLookupError(`people answered HTTP ${status}`));
  });

  test('a provider that does not answer in time fails the lookup at the deadline', async () => {
    handler = () => undefined;
    const started = Date.now();
    await expect(enricher({ timeoutMs: 200 }).lookup('jane@acme.com')).rejects.toThrow('people lookup failed: timed out after 200 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('a body that stalls past the deadline fails the lookup too', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"company":');
    };
    await expect(enricher({ timeoutMs: 200 }).lookup('jane@acme.com')).rejects.toThrow(EnrichmentLookupError);
  });

  test('a body that is not JSON fails the lookup', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>maintenance</html>');
    };
    await expect(enricher().lookup('jane@acme.com')).rejects.toThrow(EnrichmentLookupError);
  });

  test('an unreachable provider fails the lookup', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createHttpEnricher({ name: 'gone', url: `http://127.0.0.1:${port}/?e={email}` }).lookup('jane@acme.com')).rejects.toThrow(
      /^gone lookup failed: /,
    );
  });

  test('uses the fetch it is given', async () => {
    const fetchImpl = jest.fn(async () => Response.json({ company: 'Stub' }));
    const stubbed = createHttpEnricher({ name: 'stub', url: 'https://api.example.com/p?email={email}&again={email}', fetchImpl });
    expect(await stubbed.lookup('a@b.co')).toEqual({ company: 'Stub' });
    expect(fetchImpl).toHaveBeenCalledWith('https://api.example.com/p?email=a%40b.co&again=a%40b.co', expect.objectContaining({ signal: expect.any(AbortSignal) }));
  });
});
