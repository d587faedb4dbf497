import type { FieldError, OaApproverRule, OaFormSchema, OaNodeDeadline } from '@zhongshu/contracts';
import { compileCondition } from './conditions.js';

const MODES = new Set(['sequential', 'all', 'any', 'percentage']);
const WHEN_EMPTY = new Set(['skip', 'admin', 'refuse']);
const ESCALATIONS = new Set(['approve', 'reject', 'leader', 'none']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NODE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MAX_NODES = 200;
const MAX_DEPTH = 60;

/**
 * Everything publishing refuses in a process, each error naming the node
 * (`process.<nodeId>`; a branch by its own id) so the designer can mark it. Pure: the
 * people and positions a rule names are checked by the service against org.
 */
export function processProblems(process: unknown, form: OaFormSchema): FieldError[] {
  const errors: FieldError[] = [];
  const at = (id: string, message: string): void => void errors.push({ field: `process.${id}`, message });
  if (!isObject(process)) return [{ field: 'process', message: 'must be a process with a start node and settings' }];
  const settings = process.settings;
  if (!isObject(settings)) at('settings', 'must hold the process admin and the automatic-approval switches');
  else {
    if (typeof settings.adminId !== 'string' || !UUID.test(settings.adminId)) at('settings.adminId', 'must name the process admin (a person id)');
    for (const flag of ['autoApproveRepeated', 'autoApproveApplicant']) {
      if (typeof settings[flag] !== 'boolean') at(`settings.${flag}`, 'must be true or false');
    }
  }
  const start = process.start;
  if (!isObject(start) || start.type !== 'start') {
    at('start', 'the process must begin with a start node');
    return errors;
  }
  const ids = new Set<string>();
  let count = 0;
  let hasApproval = false;
  const claimId = (id: unknown, where: string): string | undefined => {
    if (typeof id !== 'string' || !NODE_ID.test(id)) {
      at(where, 'needs an id of letters, digits, _ or - (at most 64)');
      return undefined;
    }
    // A repeated id still names its node: the designer marks every node that has it.
    if (ids.has(id)) {
      at(id, `the id ${id} is used by more than one node or branch`);
      return id;
    }
    ids.add(id);
    return id;
  };

  const walkChain = (first: unknown, depth: number, where: string): void => {
    let node: unknown = first;
    while (node !== null && node !== undefined) {
      if (depth > MAX_DEPTH || ++count > MAX_NODES) {
        at(where, `the process is too large (at most ${MAX_NODES} nodes, ${MAX_DEPTH} deep) and cannot be followed to its end`);
        return;
      }
      if (!isObject(node)) {
        at(where, 'what follows must be a node, or nothing to end the chain');
        return;
      }
      const id = claimId(node.id, where) ?? where;
      where = id;
      if (typeof node.name !== 'string' || node.name.trim() === '' || node.name.length > 100) at(id, 'needs a name (at most 100 characters)');
      if (node !== start && node.type === 'start') at(id, 'a start node may only begin the process');
      switch (node.type) {
        case 'start':
          break;
        case 'approval':
          hasApproval = true;
          ruleProblems(node.approvers, form).forEach((message) => at(id, message));
          if (typeof node.mode !== 'string' || !MODES.has(node.mode)) at(id, 'needs a mode: sequential, all, any or percentage');
          if (node.mode === 'percentage' && !(Number.isInteger(node.percentage) && (node.percentage as number) >= 1 && (node.percentage as number) <= 100)) {
            at(id, 'a percentage node needs a percentage from 1 to 100');
          }
          if (typeof node.whenEmpty !== 'string' || !WHEN_EMPTY.has(node.whenEmpty)) at(id, 'must say what happens when nobody is found: skip, admin or refuse');
          if (node.deadline !== undefined && node.deadline !== null) deadlineProblems(node.deadline).forEach((message) => at(id, message));
          break;
        case 'cc':
          ruleProblems(node.recipients, form, 'recipients').forEach((message) => at(id, message));
          break;
        case 'condition': {
          const branches = Array.isArray(node.branches) ? node.branches : [];
          if (branches.length < 2) at(id, 'a condition route needs at least two branches');
          const defaults = branches.filter((branch) => isObject(branch) && branch.condition === null).length;
          if (defaults !== 1) at(id, `a condition route needs exactly one default branch (one without a condition); it has ${defaults}`);
          for (const branch of branches) {
            if (!isObject(branch)) {
              at(id, 'every branch must be an object with an id, a name and a condition');
              continue;
            }
            const branchId = claimId(branch.id, id) ?? id;
            if (typeof branch.name !== 'string' || branch.name.trim() === '') at(branchId, 'needs a name');
            if (branch.condition !== null) {
              if (!isObject(branch.condition)) at(branchId, 'needs a condition (JSON Logic), or null for the default branch');
              else compileCondition(branch.condition, form).problems.forEach((message) => at(branchId, message));
            }
            walkChain(branch.next, depth + 1, branchId);
          }
          break;
        }
        case 'parallel': {
          const branches = Array.isArray(node.branches) ? node.branches : [];
          if (branches.length < 2) at(id, 'a parallel route needs at least two branches');
          for (const branch of branches) {
            if (!isObject(branch)) {
              at(id, 'every branch must be an object with an id and a name');
              continue;
            }
            const branchId = claimId(branch.id, id) ?? id;
            if (typeof branch.name !== 'string' || branch.name.trim() === '') at(branchId, 'needs a name');
            if (!isObject(branch.next)) at(branchId, 'a parallel branch needs at least one node with an approver or recipient rule');
            walkChain(branch.next, depth + 1, branchId);
          }
          break;
        }
        default:
          at(id, `unknown node type "${String(node.type)}"`);
      }
      node = node.next;
    }
  };
  walkChain(start, 0, 'start');
  if (!hasApproval && errors.length === 0) at(String(start.id), 'the process reaches its end without any approval node');
  return errors;
}

/** What is wrong with an approver (or CC recipient) rule, as sentences. */
export function ruleProblems(rule: unknown, form: OaFormSchema, what: 'approvers' | 'recipients' = 'approvers'): string[] {
  if (!isObject(rule)) return [`has no ${what === 'approvers' ? 'approver' : 'recipient'} rule`];
  const rules = rule as Partial<OaApproverRule> & Record<string, unknown>;
  switch (rules.kind) {
    case 'people':
      return Array.isArray(rules.personIds) && rules.personIds.length > 0 && rules.personIds.length <= 50 && rules.personIds.every((id) => typeof id === 'string' && UUID.test(id))
        ? []
        : ['the rule "people" needs 1 to 50 person ids'];
    case 'role':
      return typeof rules.roleCode === 'string' && rules.roleCode.length > 0 ? [] : ['the rule "role" needs a role code'];
    case 'position':
      return [
        ...(typeof rules.positionId === 'string' && UUID.test(rules.positionId) ? [] : ['the rule "position" needs a position id']),
        ...(rules.where === 'applicant-department' || rules.where === 'anywhere' ? [] : ['the rule "position" needs where: applicant-department or anywhere']),
      ];
    case 'department-leader':
      return Number.isInteger(rules.levelsUp) && (rules.levelsUp as number) >= 0 && (rules.levelsUp as number) <= 10 ? [] : ['the rule "department-leader" needs levelsUp from 0 to 10'];
    case 'manager-chain': {
      const levels = rules.levels;
      const until = rules.untilPositionId;
      if (levels === undefined && until === undefined) return ['the rule "manager-chain" needs levels or untilPositionId'];
      const problems: string[] = [];
      if (levels !== undefined && !(Number.isInteger(levels) && (levels as number) >= 1 && (levels as number) <= 10)) problems.push('levels must be from 1 to 10');
      if (until !== undefined && !(typeof until === 'string' && UUID.test(until))) problems.push('untilPositionId must be a position id');
      return problems;
    }
    case 'form-field': {
      const field = form.fields.find((candidate) => candidate.key === rules.field);
      if (!field) return [`the rule "form-field" names "${String(rules.field)}", which is not a field of the form`];
      return field.type === 'person' || field.type === 'department' ? [] : [`the rule "form-field" names "${field.key}", which is a ${field.type} field, not a person or department field`];
    }
    case 'applicant':
    case 'chosen-by-previous':
      return [];
    default:
      return [`unknown ${what === 'approvers' ? 'approver' : 'recipient'} rule "${String(rules.kind)}"`];
  }
}

function deadlineProblems(deadline: unknown): string[] {
  if (!isObject(deadline)) return ['the deadline must be an object with hours'];
  const value = deadline as Partial<OaNodeDeadline> & Record<string, unknown>;
  const problems: string[] = [];
  if (typeof value.hours !== 'number' || !(value.hours > 0 && value.hours <= 24 * 90)) problems.push('the deadline needs hours, more than 0 and at most 2160');
  if (value.remind !== undefined) {
    const remind = value.remind as unknown;
    if (!isObject(remind) || typeof remind.everyHours !== 'number' || !(remind.everyHours > 0) || !Number.isInteger(remind.times) || (remind.times as number) < 0 || (remind.times as number) > 20) {
      problems.push('reminders need everyHours (more than 0) and times (0 to 20)');
    }
  }
  if (value.escalate !== undefined && !ESCALATIONS.has(value.escalate as string)) problems.push('escalate must be approve, reject, leader or none');
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
