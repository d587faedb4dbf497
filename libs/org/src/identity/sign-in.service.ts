import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AuditTrail, AuditScope, RequestContext, type AppConfig } from '@zhongshu/platform';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { Person } from '../people/person.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsService, type TokenPair } from './sessions.service.js';
import { throttleBlock, waitInWords, type AttemptHistory, type ThrottleReason } from './sign-in-throttle.js';

// One successful sign-in in a hundred tidies up after all of them.
const PRUNE_SHARE = 0.01;
// An address not signed in from for this long is a stranger again.
const KNOWN_ADDRESS_DAYS = 180;

export interface SignedInPerson {
  id: string;
  username: string;
}

const THROTTLED: Record<ThrottleReason, { code: OrgErrorCode; audit: string; detail: (when: string) => string }> = {
  'account-at-address': {
    code: OrgErrorCode.TooManyAttempts,
    audit: 'throttled: too many failures for this account from this address',
    detail: (when) => `Too many failed sign-ins for this account from your address. Try again ${when}.`,
  },
  account: {
    code: OrgErrorCode.AccountLocked,
    audit: 'throttled: too many failures for this account',
    detail: (when) =>
      `This account has had too many failed sign-ins. Sign in from a device and network you have signed in from before, try again ${when}, or ask an administrator to reset your password.`,
  },
  address: {
    code: OrgErrorCode.TooManyAttempts,
    audit: 'throttled: too many failures from this address',
    detail: (when) => `Too many failed sign-ins from your address. Try again ${when}, or from a device and network you have signed in from before.`,
  },
};

interface HistoryRow {
  now: Date;
  known_address: boolean;
  pair_failures: number;
  pair_last_failure_at: Date | null;
  account_frees_at: Date | null;
  address_frees_at: Date | null;
}

/**
 * Checks a username and password, with the defences of ASVS V6.3 and the throttling
 * rules of libs/org/README.md ("Sign-in"): failures are counted per account and
 * address first, with growing waits; an account-wide and an address-wide limit stop
 * guessing spread over many addresses or many accounts, but never an address the
 * account signed in from before. Every attempt is recorded before anything is
 * counted, so concurrent guesses cannot slip past; an attempt that had to wait is
 * taken off again, because its password was never looked at. State lives in
 * PostgreSQL, shared by every API instance. Each outcome is audited.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verifyCredentials(rawUsername: string, password: string): Promise<SignedInPerson> {
    const username = rawUsername.trim().toLowerCase();
    const ip = RequestContext.current()?.ip ?? 'unknown';
    const [attempt] = await this.dataSource.query(
      'INSERT INTO org.login_attempt (username, ip, succeeded) VALUES ($1, $2, false) RETURNING id',
      [username, ip],
    );
    const history = await this.history(username, ip, attempt.id);
    const block = throttleBlock(history, this.config.auth);
    if (block) {
      await this.dataSource.query('DELETE FROM org.login_attempt WHERE id = $1', [attempt.id]);
      const throttled = THROTTLED[block.reason];
      await this.fail(username, null, throttled.audit);
      const seconds = (block.until.getTime() - history.now.getTime()) / 1000;
      throw new OrgError(throttled.code, HttpStatus.TOO_MANY_REQUESTS, throttled.detail(waitInWords(seconds))).retryAfter(seconds);
    }
    const person = await this.dataSource
      .getRepository(Person)
      .createQueryBuilder('person')
      .addSelect('person.passwordHash')
      .where('person.username = :username', { username })
      .getOne();
    const usable = person && person.status === 'active' && person.passwordHash;
    const valid = usable ? await this.hasher.verify(person.passwordHash as string, password) : await this.hasher.verifyDecoy(password);
    if (!person || !valid) {
      await this.fail(username, person?.id ?? null, person && person.status !== 'active' ? `account ${person.status}` : 'wrong password or unknown username');
      throw new OrgError(OrgErrorCode.InvalidCredentials, HttpStatus.UNAUTHORIZED, 'Wrong username or password.');
    }
    await this.dataSource.query('UPDATE org.login_attempt SET succeeded = true WHERE id = $1', [attempt.id]);
    await this.dataSource.query(
      `INSERT INTO org.sign_in_address (person_id, ip) VALUES ($1, $2)
       ON CONFLICT (person_id, ip) DO UPDATE SET last_signed_in_at = now()`,
      [person.id, ip],
    );
    await this.dataSource.query('UPDATE org.person SET last_login_at = now() WHERE id = $1', [person.id]);
    RequestContext.setActor(person.id);
    AuditScope.setActorUsername(person.username);
    if (Math.random() < PRUNE_SHARE) await this.prune();
    return { id: person.id, username: person.username };
  }

  /**
   * Everything the rules need, in one statement and on the database's clock (the one
   * that stamped the failures). The limit-th newest failure is the one whose leaving
   * the window brings a count back under its limit.
   */
  private async history(username: string, ip: string, attemptId: string): Promise<AttemptHistory> {
    const limits = this.config.auth;
    const [row]: HistoryRow[] = await this.dataSource.query(
      `WITH known AS (
         SELECT a.last_signed_in_at FROM org.sign_in_address a JOIN org.person p ON p.id = a.person_id WHERE p.username = $1 AND a.ip = $2
       ), account AS (
         SELECT ip, attempted_at, row_number() OVER (ORDER BY attempted_at DESC) AS newer FROM org.login_attempt
          WHERE username = $1 AND NOT succeeded AND id <> $3 AND attempted_at > now() - make_interval(mins => $4)
       ), address AS (
         SELECT attempted_at, row_number() OVER (ORDER BY attempted_at DESC) AS newer FROM org.login_attempt
          WHERE ip = $2 AND NOT succeeded AND id <> $3 AND attempted_at > now() - make_interval(mins => $4)
       ), pair AS (
         SELECT attempted_at FROM account WHERE ip = $2 AND attempted_at > coalesce((SELECT last_signed_in_at FROM known), '-infinity')
       )
       SELECT now() AS now,
              EXISTS (SELECT 1 FROM known) AS known_address,
              (SELECT count(*) FROM pair)::int AS pair_failures,
              (SELECT max(attempted_at) FROM pair) AS pair_last_failure_at,
              (SELECT attempted_at + make_interval(mins => $4) FROM account WHERE newer = $5) AS account_frees_at,
              (SELECT attempted_at + make_interval(mins => $4) FROM address WHERE newer = $6) AS address_frees_at`,
      [username, ip, attemptId, limits.failureWindowMinutes, limits.maxFailuresPerAccount, limits.maxFailuresPerIp],
    );
    return {
      now: row.now,
      knownAddress: row.known_address,
      pairFailures: row.pair_failures,
      pairLastFailureAt: row.pair_last_failure_at,
      accountFreesAt: row.account_frees_at,
      addressFreesAt: row.address_frees_at,
    };
  }

  /**
   * Keeps the bookkeeping small: attempts older than the failure window (at least a
   * day) count for nothing, an address not signed in from for half a year is no longer
   * known, and a session a day past its expiry (with its spent refresh tokens) can no longer be
   * replayed. Run now and then by a sign-in rather than on a schedule of its own.
   */
  async prune(): Promise<void> {
    const keepMinutes = Math.max(this.config.auth.failureWindowMinutes, 1_440);
    await this.dataSource.query('DELETE FROM org.login_attempt WHERE attempted_at < now() - make_interval(mins => $1)', [keepMinutes]);
    await this.dataSource.query(`DELETE FROM org.sign_in_address WHERE last_signed_in_at < now() - make_interval(days => $1)`, [KNOWN_ADDRESS_DAYS]);
    await this.dataSource.query(`DELETE FROM org.session WHERE expires_at < now() - interval '1 day'`);
  }

  async signIn(person: SignedInPerson): Promise<TokenPair> {
    const pair = await this.dataSource.transaction((manager) => this.sessions.open(manager, person));
    await this.audit.record({
      kind: 'login',
      action: 'org:session:login',
      outcome: 'success',
      actorId: person.id,
      actorUsername: person.username,
      entityType: 'org.person',
      entityId: person.id,
    });
    return pair;
  }

  private async fail(username: string, personId: string | null, reason: string): Promise<void> {
    await this.audit.record({
      kind: 'login',
      action: 'org:session:login',
      outcome: 'failure',
      actorId: personId,
      actorUsername: username.slice(0, 64),
      entityType: personId ? 'org.person' : null,
      entityId: personId,
      detail: reason,
    });
  }
}
