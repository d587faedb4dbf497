import { Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, type OrgDirectory, type PersonProfile } from '@zhongshu/contracts';
import { scopeFor, type Principal } from '@zhongshu/platform';
import { CrmError } from '../crm-error.js';

/**
 * What CRM asks org about people, through org's query port: owners' names for the
 * screens, an owner's team (main department), and the departments whose pool a rep sees.
 */
@Injectable()
export class CrmPeople {
  constructor(@Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory) {}

  /** Names by id; unknown ids are absent. */
  async names(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
    if (wanted.length === 0) return new Map();
    return new Map((await this.directory.people(wanted)).map((person) => [person.id, person.name]));
  }

  /** Adds `ownerName` to rows that carry an `ownerId`, with one question for the whole page. */
  async withOwnerNames<T extends { ownerId: string | null; ownerName?: string | null }>(rows: T[]): Promise<T[]> {
    const names = await this.names(rows.map((row) => row.ownerId));
    for (const row of rows) row.ownerName = row.ownerId ? (names.get(row.ownerId) ?? null) : null;
    return rows;
  }

  /** An active person who can own records; `field` names the request field on refusal. */
  async activeOwner(id: string, field: string): Promise<PersonProfile> {
    const [person] = await this.directory.people([id]);
    if (!person || person.status !== 'active') throw CrmError.invalidReference(field, `Person ${id} does not exist or is not active`);
    return person;
  }

  async activeOwners(ids: readonly string[], field: string): Promise<Map<string, PersonProfile>> {
    const people = new Map((await this.directory.people(ids)).map((person) => [person.id, person]));
    for (const id of ids) {
      const person = people.get(id);
      if (!person || person.status !== 'active') throw CrmError.invalidReference(field, `Person ${id} does not exist or is not active`);
    }
    return people;
  }

  /**
   * The teams whose pool the caller sees: their own departments and every department
   * above them (a rep of 华东销售组 sees the pool of 销售部 too), plus the departments
   * their pool permission's data scope reaches. Undefined means every team.
   */
  async poolTeams(principal: Principal, permission: Parameters<typeof scopeFor>[1]): Promise<string[] | undefined> {
    const scope = scopeFor(principal, permission);
    if (scope.all) return undefined;
    const teams = new Set<string>([...principal.departmentIds, ...scope.departmentIds]);
    let frontier = [...principal.departmentIds];
    for (let depth = 0; frontier.length > 0 && depth < 20; depth += 1) {
      const parents = (await this.directory.departments(frontier)).map((department) => department.parentId).filter((id): id is string => !!id && !teams.has(id));
      for (const id of parents) teams.add(id);
      frontier = parents;
    }
    return [...teams];
  }
}
