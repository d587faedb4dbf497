import { describe, expect, it } from '@jest/globals';
import { retryDelaySeconds, throttleBlock, waitInWords, type AttemptHistory, type ThrottleLimits } from './sign-in-throttle.js';

const limits: ThrottleLimits = { freeFailuresPerAddress: 5, retryDelaySeconds: 30, maxRetryDelayMinutes: 15, maxFailuresPerAccount: 100, maxFailuresPerIp: 200 };
const now = new Date('2026-12-01T08:00:00Z');
const secondsAgo = (seconds: number): Date => new Date(now.getTime() - seconds * 1000);
const later = (seconds: number): Date => new Date(now.getTime() + seconds * 1000);
const quiet: AttemptHistory = { now, knownAddress: false, pairFailures: 0, pairLastFailureAt: null, accountFreesAt: null, addressFreesAt: null };

describe('sign-in throttling rules', () => {
  it('lets the free failures go without a wait, then doubles the wait up to the cap', () => {
    expect([0, 4, 5, 6, 7, 8, 9, 10, 50].map((failures) => retryDelaySeconds(failures, limits))).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('makes an account wait at an address until the wait after its last failure there is over', () => {
    expect(throttleBlock({ ...quiet, pairFailures: 4, pairLastFailureAt: secondsAgo(1) }, limits)).toBeUndefined();
    expect(throttleBlock({ ...quiet, pairFailures: 6, pairLastFailureAt: secondsAgo(10) }, limits)).toEqual({ reason: 'account-at-address', until: later(50) });
    expect(throttleBlock({ ...quiet, pairFailures: 6, pairLastFailureAt: secondsAgo(60) }, limits)).toBeUndefined();
  });

  it('holds a known address to its own waits but not to the account-wide or address-wide limits', () => {
    const busy = { ...quiet, accountFreesAt: later(3600), addressFreesAt: later(600) };
    expect(throttleBlock(busy, limits)).toEqual({ reason: 'account', until: later(3600) });
    expect(throttleBlock({ ...busy, knownAddress: true }, limits)).toBeUndefined();
    expect(throttleBlock({ ...busy, knownAddress: true, pairFailures: 5, pairLastFailureAt: secondsAgo(1) }, limits)).toEqual({ reason: 'account-at-address', until: later(29) });
  });

  it('answers the longest wait when several apply', () => {
    expect(throttleBlock({ ...quiet, pairFailures: 9, pairLastFailureAt: now, addressFreesAt: later(60) }, limits)).toEqual({ reason: 'account-at-address', until: later(480) });
    expect(throttleBlock({ ...quiet, addressFreesAt: later(60), accountFreesAt: later(30) }, limits)).toEqual({ reason: 'address', until: later(60) });
  });

  it('says roughly when, in words', () => {
    expect([1, 45.2, 89, 90, 900, 5400, 86_400].map(waitInWords)).toEqual(['in 1 second', 'in 46 seconds', 'in 89 seconds', 'in 2 minutes', 'in 15 minutes', 'in 2 hours', 'in 24 hours']);
  });
});
