import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AuditTrail, AuditScope, RequestContext, type AppConfig } from '@zhongshu/platform';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { Person } from '../people/person.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsService, type TokenPair } from './sessions.service.js';

// One successful sign-in in a hundred tidies up after all of them.
const PRUNE_SHARE = 0.01;

export interface SignedInPerson {
  id: string;
  username: string;
}

/**
 * Checks a username and password, with the defences of ASVS V6.3: every attempt is
 * recorded before the password is looked at, so concurrent guesses cannot slip past
 * the limits; too many failures for one username or from one IP answer 429 for the
 * rest of the window; enough consecutive failures lock the account for a while,
 * even against the right password. Each outcome is audited.
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
    const ip = RequestContext.current()?.ip ?? null;
    const limits = this.config.auth;
    const [attempt] = await this.dataSource.query(
      'INSERT INTO org.login_attempt (username, ip, succeeded) VALUES ($1, $2, false) RETURNING id',
      [username, ip],
    );
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE username = $1)::int AS by_account,
              count(*) FILTER (WHERE ip IS NOT DISTINCT FROM $2)::int AS by_ip
         FROM org.login_attempt
        WHERE NOT succeeded AND attempted_at > now() - make_interval(mins => $3)
          AND (username = $1 OR ip IS NOT DISTINCT FROM $2)`,
      [username, ip, limits.failureWindowMinutes],
    );
    if (counts.by_account > limits.maxFailuresPerAccount || counts.by_ip > limits.maxFailuresPerIp) {
      await this.fail(username, null, 'throttled');
      throw new OrgError(
        OrgErrorCode.TooManyAttempts,
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many failed sign-ins. Wait ${limits.failureWindowMinutes} minutes and try again.`,
      ).retryAfter(limits.failureWindowMinutes * 60);
    }
    const person = await this.dataSource
      .getRepository(Person)
      .createQueryBuilder('person')
      .addSelect('person.passwordHash')
      .where('person.username = :username', { username })
      .getOne();
    if (person?.lockedUntil && person.lockedUntil > new Date()) {
      await this.fail(username, person.id, 'account locked');
      throw new OrgError(
        OrgErrorCode.AccountLocked,
        HttpStatus.TOO_MANY_REQUESTS,
        `This account is locked after repeated failed sign-ins until ${person.lockedUntil.toISOString()}. Try again later or ask an administrator.`,
      ).retryAfter((person.lockedUntil.getTime() - Date.now()) / 1000);
    }
    const usable = person && person.status === 'active' && person.passwordHash;
    const valid = usable ? await this.hasher.verify(person.passwordHash as string, password) : await this.hasher.verifyDecoy(password);
    if (!person || !valid) {
      if (person) await this.countFailure(person.id);
      await this.fail(username, person?.id ?? null, person && person.status !== 'active' ? `account ${person.status}` : 'wrong password or unknown username');
      throw new OrgError(OrgErrorCode.InvalidCredentials, HttpStatus.UNAUTHORIZED, 'Wrong username or password.');
    }
    await this.dataSource.query('UPDATE org.login_attempt SET succeeded = true WHERE id = $1', [attempt.id]);
    await this.dataSource.query(
      'UPDATE org.person SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1',
      [person.id],
    );
    RequestContext.setActor(person.id);
    AuditScope.setActorUsername(person.username);
    if (Math.random() < PRUNE_SHARE) await this.prune();
    return { id: person.id, username: person.username };
  }

  /**
   * Keeps the bookkeeping small: attempts older than a day count for nothing, and a
   * session a day past its expiry (with its spent refresh tokens) can no longer be
   * replayed. Run now and then by a sign-in rather than on a schedule of its own.
   */
  async prune(): Promise<void> {
    const keepMinutes = Math.max(this.config.auth.failureWindowMinutes, 1_440);
    await this.dataSource.query('DELETE FROM org.login_attempt WHERE attempted_at < now() - make_interval(mins => $1)', [keepMinutes]);
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

  private async countFailure(personId: string): Promise<void> {
    // One statement, so concurrent failures each count and the lock is set exactly at the threshold.
    await this.dataSource.query(
      `UPDATE org.person
          SET failed_login_count = failed_login_count + 1,
              locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1`,
      [personId, this.config.auth.lockoutThreshold, this.config.auth.lockoutMinutes],
    );
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
