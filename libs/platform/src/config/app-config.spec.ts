import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, POOL_CONNECTIONS_BESIDE_HANDLERS } from './app-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/zhongshu');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/zhongshu/.data',
      filesDir: '/srv/zhongshu/.data/files',
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
    // Uploaded files live under DATA_DIR unless FILES_DIR puts them elsewhere (a shared volume).
    expect(loadConfig({ DATA_DIR: '/var/lib/zhongshu' }).filesDir).toBe('/var/lib/zhongshu/files');
    expect(loadConfig({ DATA_DIR: '/var/lib/zhongshu', FILES_DIR: 'uploads' }, '/srv/zhongshu').filesDir).toBe('/srv/zhongshu/uploads');
  });

  it('reads lists and booleans', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.example.com, https://b.example.com', TRUST_PROXY: 'yes' });
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.trustProxy).toBe(true);
  });

  describe('the pool beside the handler concurrency', () => {
    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };

    it('has defaults that fit together, in the embedded one-process default that runs workers', () => {
      const config = loadConfig({});
      expect(config.runWorkers).toBe(true);
      expect(config.databasePoolSize).toBeGreaterThanOrEqual(config.eventHandlerConcurrency + POOL_CONNECTIONS_BESIDE_HANDLERS);
    });

    it('refuses a pool smaller than the handlers and what the relay and HTTP need beside them, naming both variables', () => {
      const [problem, ...others] = problemsOf({ RUN_WORKERS: 'true', DATABASE_POOL_SIZE: '10', EVENT_HANDLER_CONCURRENCY: '16' });
      expect(others).toEqual([]);
      expect(problem).toContain('DATABASE_POOL_SIZE (10)');
      expect(problem).toContain('EVENT_HANDLER_CONCURRENCY (16)');
      expect(problem).toContain('Raise DATABASE_POOL_SIZE to 20, or lower EVENT_HANDLER_CONCURRENCY to 6');
      // Exactly the margin: one connection short is refused, the sum itself is enough.
      expect(problemsOf({ RUN_WORKERS: 'true', DATABASE_POOL_SIZE: '19', EVENT_HANDLER_CONCURRENCY: '16' })).toHaveLength(1);
      expect(problemsOf({ RUN_WORKERS: 'true', DATABASE_POOL_SIZE: '20', EVENT_HANDLER_CONCURRENCY: '16' })).toEqual([]);
      // Raising the concurrency alone past the default pool is refused too.
      expect(problemsOf({ RUN_WORKERS: 'true', EVENT_HANDLER_CONCURRENCY: '32' })[0]).toContain('Raise DATABASE_POOL_SIZE to 36');
    });

    it('suggests only a bigger pool when the pool cannot even cover what runs beside the handlers', () => {
      const [problem] = problemsOf({ RUN_WORKERS: 'true', DATABASE_POOL_SIZE: '3', EVENT_HANDLER_CONCURRENCY: '1' });
      expect(problem).toContain('Raise DATABASE_POOL_SIZE to 5.');
      expect(problem).not.toContain('lower EVENT_HANDLER_CONCURRENCY');
    });

    it('lets a process without workers (an API beside apps/worker) keep a small pool', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://app@db:5432/zhongshu', DATABASE_POOL_SIZE: '5' }).runWorkers).toBe(false);
      expect(problemsOf({ RUN_WORKERS: 'false', DATABASE_POOL_SIZE: '5', EVENT_HANDLER_CONCURRENCY: '16' })).toEqual([]);
    });
  });
});
