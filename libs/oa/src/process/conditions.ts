import { Decimal } from 'decimal.js';
import jsonLogic from 'json-logic-js';
import type { OaCondition, OaField, OaFormSchema } from '@zhongshu/contracts';

/**
 * Conditions are JSON Logic (jsonlogic.com) over `form.<key>` and
 * `applicant.id / departmentId / positionId / level`, evaluated by json-logic-js and
 * never by `eval`. Only the operators below may appear: json-logic-js would otherwise
 * also call dotted "method" operators and anything added to its global registry.
 */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'in',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'cat',
  'some',
  'all',
  'none',
]);

export const APPLICANT_VARIABLES: ReadonlySet<string> = new Set(['applicant.id', 'applicant.departmentId', 'applicant.positionId', 'applicant.level']);

/** Operators whose second argument is evaluated per array element: its `var`s name the element's own fields. */
const ITERATING = new Set(['some', 'all', 'none']);

/** Comparisons of money are rewritten to these, which compare with decimal.js rather than JS numbers. */
const MONEY_COMPARISONS: Record<string, string> = {
  '>': 'zs_money_gt',
  '>=': 'zs_money_gte',
  '<': 'zs_money_lt',
  '<=': 'zs_money_lte',
  '==': 'zs_money_eq',
  '===': 'zs_money_eq',
  '!=': 'zs_money_ne',
  '!==': 'zs_money_ne',
};

function decimalOf(value: unknown): Decimal | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  try {
    const decimal = new Decimal(value as Decimal.Value);
    return decimal.isFinite() ? decimal : undefined;
  } catch {
    return undefined;
  }
}

/** `a < b` or the between form `a < b < c`; false when any side is not a number. */
function chain(compare: (a: Decimal, b: Decimal) => boolean) {
  return (...values: unknown[]): boolean => {
    const decimals = values.map(decimalOf);
    if (decimals.some((value) => value === undefined)) return false;
    for (let index = 0; index + 1 < decimals.length; index++) {
      if (!compare(decimals[index] as Decimal, decimals[index + 1] as Decimal)) return false;
    }
    return true;
  };
}

jsonLogic.add_operation('zs_money_gt', chain((a, b) => a.gt(b)));
jsonLogic.add_operation('zs_money_gte', chain((a, b) => a.gte(b)));
jsonLogic.add_operation('zs_money_lt', chain((a, b) => a.lt(b)));
jsonLogic.add_operation('zs_money_lte', chain((a, b) => a.lte(b)));
jsonLogic.add_operation('zs_money_eq', chain((a, b) => a.eq(b)));
jsonLogic.add_operation('zs_money_ne', (a: unknown, b: unknown) => !chain((x, y) => x.eq(y))(a, b));

const INTERNAL_OPERATORS = new Set(Object.values(MONEY_COMPARISONS));

/** The data a condition sees. */
export interface ConditionData {
  form: Record<string, unknown>;
  applicant: { id: string; departmentId: string; positionId: string | null; level: number | null };
}

/** A condition checked against the form and rewritten for evaluation. */
export interface CompiledCondition {
  logic: unknown;
}

function varName(argument: unknown): string | undefined {
  const name = Array.isArray(argument) ? argument[0] : argument;
  return typeof name === 'string' ? name : typeof name === 'number' ? String(name) : undefined;
}

/**
 * Checks a condition (operators on the allow-list, every variable a form field or an
 * applicant fact) and rewrites comparisons of money fields to decimal ones. Answers
 * the problems found, each a sentence naming the culprit.
 */
export function compileCondition(condition: OaCondition, form: OaFormSchema): { compiled?: CompiledCondition; problems: string[] } {
  const problems: string[] = [];
  const fields = new Map<string, OaField>(form.fields.map((field) => [field.key, field]));
  const isMoneyVar = (node: unknown): boolean => {
    if (!isOperation(node) || Object.keys(node)[0] !== 'var') return false;
    const name = varName((node as Record<string, unknown>).var);
    return name !== undefined && name.startsWith('form.') && fields.get(name.slice(5))?.type === 'money';
  };
  const visit = (node: unknown, scoped: boolean, depth: number): unknown => {
    if (depth > 50) {
      problems.push('the condition is nested too deeply');
      return node;
    }
    if (Array.isArray(node)) return node.map((item) => visit(item, scoped, depth + 1));
    if (!isOperation(node)) {
      if (node !== null && typeof node === 'object') problems.push('an object in a condition must be one operator with its arguments');
      return node;
    }
    const [operator] = Object.keys(node);
    const argument = (node as Record<string, unknown>)[operator];
    if (!ALLOWED_OPERATORS.has(operator) && !INTERNAL_OPERATORS.has(operator)) {
      problems.push(`the operator "${operator}" is not allowed in a condition`);
      return node;
    }
    if (operator === 'var') {
      if (!scoped) {
        const name = varName(argument);
        if (name === undefined || !knownVariable(name, fields)) problems.push(`the condition refers to "${name ?? String(argument)}", which is neither a field of the form nor an applicant fact`);
      }
      return node;
    }
    const args = Array.isArray(argument) ? argument : [argument];
    if (ITERATING.has(operator)) {
      return { [operator]: [visit(args[0], scoped, depth + 1), ...args.slice(1).map((item) => visit(item, true, depth + 1))] };
    }
    const rewritten = args.map((item) => visit(item, scoped, depth + 1));
    if (MONEY_COMPARISONS[operator] && rewritten.some(isMoneyVar)) return { [MONEY_COMPARISONS[operator]]: rewritten };
    return { [operator]: Array.isArray(argument) ? rewritten : rewritten[0] };
  };
  const logic = visit(condition, false, 0);
  return problems.length > 0 ? { problems } : { compiled: { logic }, problems };
}

function knownVariable(name: string, fields: ReadonlyMap<string, OaField>): boolean {
  if (APPLICANT_VARIABLES.has(name)) return true;
  if (!name.startsWith('form.')) return false;
  const [key] = name.slice(5).split('.');
  return fields.has(key);
}

function isOperation(node: unknown): node is Record<string, unknown> {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 1;
}

/** Whether a compiled condition holds for this request; a condition that throws does not hold. */
export function conditionHolds(condition: CompiledCondition, data: ConditionData): boolean {
  try {
    return jsonLogic.truthy(jsonLogic.apply(condition.logic as jsonLogic.RulesLogic, data));
  } catch {
    return false;
  }
}
