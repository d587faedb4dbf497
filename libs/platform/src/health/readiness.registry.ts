import { Injectable } from '@nestjs/common';

/**
 * `down`: this instance cannot take writes (the database), so readiness answers 503.
 * `degraded`: something is wrong that writes do not wait for (Redis, the event relay:
 * events wait in the outbox); reported, and readiness stays 200.
 */
export type CheckStatus = 'up' | 'degraded' | 'down';

export interface CheckResult {
  status: CheckStatus;
  detail?: string;
  latencyMs?: number;
}

export type ReadinessCheck = () => Promise<Omit<CheckResult, 'latencyMs'>>;

const CHECK_TIMEOUT_MS = 2_000;

/**
 * What `/api/ready` asks. Modules add their dependencies (database, Redis, the event
 * bus) at init; a check that throws or takes over two seconds counts as its
 * `whenFailing` status. Readiness means "can take writes": only a `down` check makes it 503.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, { check: ReadinessCheck; whenFailing: CheckStatus }>();

  /**
   * `whenFailing` is what a check that throws or does not answer in time counts as:
   * `down` for what writes need, `degraded` for what they do not.
   */
  register(name: string, check: ReadinessCheck, options: { whenFailing?: 'down' | 'degraded' } = {}): void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is registered twice`);
    this.checks.set(name, { check, whenFailing: options.whenFailing ?? 'down' });
  }

  async runAll(): Promise<Record<string, CheckResult>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, { check, whenFailing }]) => [name, await this.timed(check, whenFailing)] as const),
    );
    return Object.fromEntries(entries);
  }

  private async timed(check: ReadinessCheck, whenFailing: CheckStatus): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      });
      const result = await Promise.race([check(), timeout]);
      return { ...result, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: whenFailing, detail: error instanceof Error ? error.message : String(error), latencyMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }
}
