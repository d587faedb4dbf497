import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@zhongshu/platform';
import { OrgError, OrgErrorCode } from '../org-error.js';
import { Person } from '../people/person.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblems } from './password-policy.js';
import { SessionsService } from './sessions.service.js';

/** Setting passwords: by their owner (knowing the current one) or by an administrator. */
@Injectable()
export class PasswordService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
  ) {}

  async changeOwn(personId: string, currentPassword: string, newPassword: string): Promise<void> {
    const person = await this.dataSource
      .getRepository(Person)
      .createQueryBuilder('person')
      .addSelect('person.passwordHash')
      .where('person.id = :personId', { personId })
      .getOne();
    if (!person?.passwordHash || !(await this.hasher.verify(person.passwordHash, currentPassword))) {
      throw new OrgError(OrgErrorCode.InvalidCredentials, HttpStatus.UNPROCESSABLE_ENTITY, 'The current password is wrong.', [
        { field: 'currentPassword', message: 'is wrong' },
      ]);
    }
    await this.set(person, newPassword, 'password changed');
  }

  /**
   * Sets the password and ends every session of the person, in one transaction. The
   * account's failed sign-ins are forgotten with the old password: they were guesses at
   * it, and the person the lock message sends to an administrator can sign in again.
   */
  async set(person: Pick<Person, 'id' | 'username'>, newPassword: string, reason: string): Promise<void> {
    assertAcceptable(newPassword, person.username);
    const hash = await this.hasher.hash(newPassword);
    await this.uow.run(async (manager) => {
      await manager.query(
        `UPDATE org.person SET password_hash = $2, password_changed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
        [person.id, hash],
      );
      await manager.query('DELETE FROM org.login_attempt WHERE username = (SELECT username FROM org.person WHERE id = $1) AND NOT succeeded', [person.id]);
      await this.sessions.revokeAllOf(manager, person.id, reason);
    });
  }
}

export function assertAcceptable(password: string, username?: string, field = 'newPassword'): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new OrgError(
      OrgErrorCode.WeakPassword,
      HttpStatus.UNPROCESSABLE_ENTITY,
      `The password ${problems.join('; ')}.`,
      problems.map((message) => ({ field, message })),
    );
  }
}
