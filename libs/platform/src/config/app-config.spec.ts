import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/zhongshu');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/zhongshu/.data',
      databaseUrl: undefined,
      redisUrl: undefined,
      demoMode: true,
      timeZone: 'Asia/Shanghai',
      corsOrigins: [],
    });
  });

  it('turns demo data off by default on a real database server', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db:5432/zhongshu' }).demoMode).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db:5432/zhongshu', DEMO_MODE: 'true' }).demoMode).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x@y/z', TIME_ZONE: 'Mars/Olympus', DEMO_MODE: 'perhaps', CORS_ORIGINS: 'erp.example.com' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'TIME_ZONE', 'DEMO_MODE', 'CORS_ORIGINS']) expect(problems).toContain(name);
    }
  });

  it('rejects a port out of range and keeps an absolute DATA_DIR as it is', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(loadConfig({ DATA_DIR: '/var/lib/zhongshu' }).dataDir).toBe('/var/lib/zhongshu');
  });

  it('reads lists and booleans', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.example.com, https://b.example.com', TRUST_PROXY: 'yes' });
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.trustProxy).toBe(true);
  });
});
