import type { OaApproverRule, OaFormSchema, OrgDirectory, PersonProfile } from '@zhongshu/contracts';

/** What a rule is resolved against: who applied, what they filled in, whom the previous approver chose. */
export interface RuleContext {
  applicant: PersonProfile;
  form: OaFormSchema;
  formData: Record<string, unknown>;
  /** The people the previous approver (or the applicant, for the first node) chose. */
  chosenIds: readonly string[];
}

/**
 * The people a rule names now, in the rule's order, each once, active people only.
 * Pure given the directory: every org question goes through the port, so a fake
 * directory unit-tests every rule.
 */
export async function resolveRule(rule: OaApproverRule, context: RuleContext, directory: OrgDirectory): Promise<string[]> {
  const active = async (ids: readonly string[]): Promise<string[]> => {
    const profiles = new Map((await directory.people(ids)).map((person) => [person.id, person]));
    return ids.filter((id) => profiles.get(id)?.status === 'active');
  };
  const unique = (ids: readonly string[]): string[] => [...new Set(ids)];
  switch (rule.kind) {
    case 'people':
      return active(unique(rule.personIds));
    case 'role':
      return unique((await directory.holdersOfRole(rule.roleCode)).map((person) => person.id));
    case 'position': {
      const holders = rule.where === 'anywhere' ? await directory.holdersOfPositionAnywhere(rule.positionId) : await directory.holdersOfPosition(context.applicant.departmentId, rule.positionId);
      return unique(holders.map((person) => person.id));
    }
    case 'department-leader': {
      // N levels up, or the top of the tree when it is not that deep: someone above always decides.
      const leaders = await directory.departmentLeaders(context.applicant.id, rule.levelsUp);
      const top = leaders.filter((leader) => leader.level <= rule.levelsUp).at(-1);
      return top?.leaderId ? [top.leaderId] : [];
    }
    case 'manager-chain': {
      const chain = await directory.managerChain(context.applicant.id);
      let picked = chain.map((person) => person.id);
      if (rule.untilPositionId !== undefined) {
        const profiles = new Map((await directory.people(picked)).map((person) => [person.id, person]));
        const stop = picked.findIndex((id) => profiles.get(id)?.positionId === rule.untilPositionId);
        if (stop >= 0) picked = picked.slice(0, stop + 1);
      }
      if (rule.levels !== undefined) picked = picked.slice(0, rule.levels);
      return active(unique(picked));
    }
    case 'form-field': {
      const field = context.form.fields.find((candidate) => candidate.key === rule.field);
      const value = context.formData[rule.field];
      const ids = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter((id): id is string => typeof id === 'string');
      if (field?.type === 'department') {
        const departments = new Map((await directory.departments(ids)).map((department) => [department.id, department]));
        return unique(ids.map((id) => departments.get(id)?.leaderId).filter((id): id is string => !!id));
      }
      return active(unique(ids));
    }
    case 'applicant':
      return [context.applicant.id];
    case 'chosen-by-previous':
      return active(unique(context.chosenIds));
  }
}
