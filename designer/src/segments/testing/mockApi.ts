/** One request the component made, with its JSON body parsed (other bodies as sent). */
export interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

export type Answer = (body: unknown, url: string) => { status?: number; body: unknown };

/**
 * Replaces fetch with answers keyed by `METHOD /path` (query left out) and records every request.
 * The answer is a minimal Response (ok, status, text), which is all the API client reads: jsdom has
 * no Response of its own.
 */
export function mockApi(answers: Record<string, Answer>): Call[] {
  const calls: Call[] = [];
  const fetchMock = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const headers = { ...((init?.headers ?? {}) as Record<string, string>) };
    const body = typeof init?.body === 'string' && headers['content-type'] === 'application/json' ? (JSON.parse(init.body) as unknown) : init?.body;
    calls.push({ method, url, body, headers });
    const answer = answers[`${method} ${url.split('?')[0]}`];
    const { status = 200, body: payload } = answer ? answer(body, url) : { status: 404, body: { error: { code: 'not_found', message: `no answer for ${method} ${url}` } } };
    return { ok: status >= 200 && status < 300, status, text: async () => JSON.stringify(payload) };
  });
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  return calls;
}

/** The API's 400 shape for field problems. */
export const invalid = (issues: { path: (string | number)[]; message: string; line?: number; column?: number }[]) => ({
  status: 400,
  body: { error: { code: 'validation_failed', message: issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), details: { location: 'body', issues: issues.map((issue) => ({ code: 'custom', ...issue })) } } },
});
