import { ConfigError, loadConfig } from '../../config/env';

describe('configuration from the environment', () => {
  it('defaults to the embedded services on their usual ports', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.store.uri).toBe('mongodb://127.0.0.1:27017/');
    expect(config.smtp).toEqual({ url: 'smtp://127.0.0.1:1025', inboxUrl: 'http://localhost:1080' });
    expect(config.dataDir).toBe('/srv/app/.data');
  });

  it('uses existing servers when their addresses are given', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', MONGODB_URI: 'mongodb://db/?replicaSet=rs0', SMTP_URL: 'smtps://u:p@mail.example:465' });
    expect(config.temporal.address).toBe('temporal:7233');
    expect(config.store.uri).toBe('mongodb://db/?replicaSet=rs0');
    expect(config.smtp).toEqual({ url: 'smtps://u:p@mail.example:465', inboxUrl: undefined });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ TRAIT_CATEGORY_MAPS: '{"industry": "edtech"}' })).toThrow(/TRAIT_CATEGORY_MAPS/);
    expect(loadConfig({ TRAIT_CATEGORY_MAPS: '{"industry": {"edtech": "Education"}}' }).env.TRAIT_CATEGORY_MAPS).toEqual({ industry: { edtech: 'Education' } });
  });
});
