import { fetchSystemStatus } from './systemStatus';

const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('system status in the designer', () => {
  it('reports ready with the checks', async () => {
    const checks = [{ name: 'store', ok: true, latencyMs: 3 }];
    expect(await fetchSystemStatus(answer(200, { status: 'ready', checks }))).toEqual({ state: 'ready', checks });
  });

  it('shows the message and checks of a 503 that names the dependency', async () => {
    const checks = [{ name: 'temporal', ok: false, latencyMs: 2000, error: 'deadline exceeded' }];
    const body = { error: { code: 'not_ready', message: 'Not ready: unavailable temporal (deadline exceeded)', details: { unavailable: ['temporal'], checks } } };
    expect(await fetchSystemStatus(answer(503, body))).toEqual({ state: 'unavailable', message: body.error.message, checks });
  });

  it('says when the API cannot be reached at all', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchSystemStatus(failing)).toEqual({ state: 'unavailable', message: 'The API cannot be reached: Failed to fetch', checks: [] });
  });
});
