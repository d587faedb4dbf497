import { Injectable } from '@nestjs/common';

/**
 * "Now" for business rules that depend on time (a lead returns to the pool after 30
 * days, an approval breaches its SLA). Scheduled jobs read it instead of `new Date()`,
 * so a test can move time forward without waiting for it.
 */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to; bind it in place of `Clock` in tests. */
export class ManualClock extends Clock {
  private current: Date;

  constructor(start: Date = new Date('2026-01-05T01:00:00Z')) {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    this.current = new Date(to);
  }

  advance(milliseconds: number): Date {
    this.current = new Date(this.current.getTime() + milliseconds);
    return this.now();
  }
}
