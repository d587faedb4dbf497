import { Injectable } from '@nestjs/common';

export interface CheckResult {
  status: 'up' | 'down';
  detail?: string;
  latencyMs?: number;
}

export type ReadinessCheck = () => Promise<Omit<CheckResult, 'latencyMs'>>;

const CHECK_TIMEOUT_MS = 2_000;

/**
 * What `/api/ready` asks. Modules add their dependencies (database, Redis, later the
 * outbox lag) at init; a check that throws or takes over two seconds counts as down.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is registered twice`);
    this.checks.set(name, check);
  }

  async runAll(): Promise<Record<string, CheckResult>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.timed(check)] as const),
    );
    return Object.fromEntries(entries);
  }

  private async timed(check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      });
      const result = await Promise.race([check(), timeout]);
      return { ...result, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down', detail: error instanceof Error ? error.message : String(error), latencyMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  }
}
