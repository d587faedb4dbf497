/**
 * When a sign-in attempt must wait, decided from what the database counted (pure, so
 * the rules are unit-tested apart from the SQL that feeds them). The rules, and why,
 * are in libs/org/README.md ("Sign-in").
 */

export interface ThrottleLimits {
  freeFailuresPerAddress: number;
  retryDelaySeconds: number;
  maxRetryDelayMinutes: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
}

/** What the database knows before this attempt (this attempt's own row left out). */
export interface AttemptHistory {
  /** The database's clock, which stamped every failure counted here. */
  now: Date;
  /** The account has signed in successfully from this address before. */
  knownAddress: boolean;
  /** Failures of this account from this address since its last success there, within the window. */
  pairFailures: number;
  pairLastFailureAt: Date | null;
  /** When the account-wide count, if at its limit, drops below it (failures leaving the window). */
  accountFreesAt: Date | null;
  /** The same for the address-wide count. */
  addressFreesAt: Date | null;
}

export type ThrottleReason = 'account-at-address' | 'account' | 'address';

export interface ThrottleBlock {
  reason: ThrottleReason;
  until: Date;
}

/** The wait after `failures` failures of one account from one address (none while they are free). */
export function retryDelaySeconds(failures: number, limits: ThrottleLimits): number {
  if (failures < limits.freeFailuresPerAddress) return 0;
  const doublings = Math.min(failures - limits.freeFailuresPerAddress, 30);
  return Math.min(limits.retryDelaySeconds * 2 ** doublings, limits.maxRetryDelayMinutes * 60);
}

/**
 * The longest wait that applies, or none. The account-and-address wait applies to
 * everyone; the account-wide and address-wide limits do not apply to an address the
 * account signed in from before: a guesser elsewhere (or a busy office NAT) must not
 * lock the owner out of their usual desk, and that desk is still held to its own waits.
 */
export function throttleBlock(history: AttemptHistory, limits: ThrottleLimits): ThrottleBlock | undefined {
  const blocks: ThrottleBlock[] = [];
  const delay = retryDelaySeconds(history.pairFailures, limits);
  if (delay > 0 && history.pairLastFailureAt) {
    blocks.push({ reason: 'account-at-address', until: new Date(history.pairLastFailureAt.getTime() + delay * 1000) });
  }
  if (!history.knownAddress) {
    if (history.accountFreesAt) blocks.push({ reason: 'account', until: history.accountFreesAt });
    if (history.addressFreesAt) blocks.push({ reason: 'address', until: history.addressFreesAt });
  }
  const waiting = blocks.filter((block) => block.until > history.now);
  return waiting.sort((a, b) => b.until.getTime() - a.until.getTime())[0];
}

/** "in 45 seconds", "in 3 minutes", "in 2 hours": roughly when, for the person reading it. */
export function waitInWords(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 90) return `in ${whole} second${whole === 1 ? '' : 's'}`;
  const minutes = Math.ceil(whole / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}
