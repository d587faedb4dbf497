import type { OaCondition, OaField, OaFormSchema } from '@zhongshu/contracts'

/**
 * The condition builder's model and its JSON Logic. An admin builds a branch's condition
 * from rules ("距离 > 100") in AND/OR groups; the process stores JSON Logic (OaCondition),
 * which the engine evaluates. `toLogic` and `fromLogic` are each other's inverse for
 * everything the builder makes; a condition written otherwise reads as null, and the
 * designer shows it as JSON instead of guessing.
 */

export type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'in' | 'notIn' | 'containsAny' | 'empty' | 'notEmpty'

/** What a subject's value is, which decides its operators and the input for the value. */
export type ValueType = 'number' | 'money' | 'date' | 'text' | 'option' | 'options' | 'person' | 'people' | 'department' | 'departments' | 'position'

export interface ConditionRule {
  kind: 'rule'
  /** A variable: `form.distance`, `form.trip.start`, `applicant.departmentId`. */
  subject: string
  operator: Operator
  /** A number, a money or date string, an option value; `[low, high]` for between; a list for in / containsAny; absent for (not) empty. */
  value?: unknown
}

export interface ConditionGroup {
  kind: 'group'
  join: 'and' | 'or'
  items: ConditionItem[]
}

export type ConditionItem = ConditionRule | ConditionGroup

export interface Subject {
  subject: string
  /** The field's label, or an i18n key for the applicant's facts (`applicantKey`). */
  label: string
  applicantKey?: 'department' | 'position' | 'level' | 'person'
  valueType: ValueType
  options?: { value: string; label: string }[]
}

const OPERATORS: Record<ValueType, Operator[]> = {
  number: ['gt', 'gte', 'lt', 'lte', 'eq', 'ne', 'between', 'empty', 'notEmpty'],
  money: ['gt', 'gte', 'lt', 'lte', 'eq', 'ne', 'between', 'empty', 'notEmpty'],
  date: ['lt', 'lte', 'gt', 'gte', 'eq', 'between', 'empty', 'notEmpty'],
  text: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  option: ['eq', 'ne', 'in', 'notIn', 'empty', 'notEmpty'],
  options: ['containsAny', 'empty', 'notEmpty'],
  person: ['in', 'notIn', 'empty', 'notEmpty'],
  people: ['containsAny', 'empty', 'notEmpty'],
  department: ['in', 'notIn', 'empty', 'notEmpty'],
  departments: ['containsAny', 'empty', 'notEmpty'],
  position: ['in', 'notIn', 'empty', 'notEmpty'],
}

export function operatorsFor(valueType: ValueType): Operator[] {
  return OPERATORS[valueType]
}

function fieldSubjects(field: OaField): Subject[] {
  const base = { label: field.label }
  switch (field.type) {
    case 'number':
      return [{ ...base, subject: `form.${field.key}`, valueType: 'number' }]
    case 'money':
      return [{ ...base, subject: `form.${field.key}`, valueType: 'money' }]
    case 'date':
      return [{ ...base, subject: `form.${field.key}`, valueType: 'date' }]
    case 'dateRange':
      return [
        { label: `${field.label} · start`, subject: `form.${field.key}.start`, valueType: 'date' },
        { label: `${field.label} · end`, subject: `form.${field.key}.end`, valueType: 'date' },
      ]
    case 'text':
      return [{ ...base, subject: `form.${field.key}`, valueType: 'text' }]
    case 'select':
      return [{ ...base, subject: `form.${field.key}`, valueType: 'option', options: field.options }]
    case 'multiSelect':
      return [{ ...base, subject: `form.${field.key}`, valueType: 'options', options: field.options }]
    case 'person':
      return [{ ...base, subject: `form.${field.key}`, valueType: field.multiple === true ? 'people' : 'person' }]
    case 'department':
      return [{ ...base, subject: `form.${field.key}`, valueType: field.multiple === true ? 'departments' : 'department' }]
    default:
      // Long text, attachments and tables are not something a route turns on.
      return []
  }
}

/** What a condition may test: the form's fields that can decide a route, then the applicant's facts. */
export function conditionSubjects(form: OaFormSchema, rangeLabels: { start: string; end: string } = { start: 'start', end: 'end' }): Subject[] {
  const subjects = form.fields.flatMap(fieldSubjects).map((subject) =>
    subject.subject.endsWith('.start') && subject.valueType === 'date'
      ? { ...subject, label: subject.label.replace(/ · start$/, ` · ${rangeLabels.start}`) }
      : subject.subject.endsWith('.end') && subject.valueType === 'date'
        ? { ...subject, label: subject.label.replace(/ · end$/, ` · ${rangeLabels.end}`) }
        : subject,
  )
  return [
    ...subjects,
    { subject: 'applicant.departmentId', label: 'department', applicantKey: 'department', valueType: 'department' },
    { subject: 'applicant.positionId', label: 'position', applicantKey: 'position', valueType: 'position' },
    { subject: 'applicant.level', label: 'level', applicantKey: 'level', valueType: 'number' },
    { subject: 'applicant.id', label: 'person', applicantKey: 'person', valueType: 'person' },
  ]
}

export function emptyGroup(join: 'and' | 'or' = 'and'): ConditionGroup {
  return { kind: 'group', join, items: [] }
}

/** A fresh rule on a subject: its first operator, an empty value of the right shape. */
export function newRule(subject: Subject): ConditionRule {
  const operator = operatorsFor(subject.valueType)[0]!
  return { kind: 'rule', subject: subject.subject, operator, value: emptyValueFor(operator) }
}

export function emptyValueFor(operator: Operator): unknown {
  if (operator === 'between') return [null, null]
  if (operator === 'in' || operator === 'notIn' || operator === 'containsAny') return []
  if (operator === 'empty' || operator === 'notEmpty') return undefined
  return null
}

const COMPARISONS: Partial<Record<Operator, string>> = { eq: '==', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' }
const BY_SYMBOL: Record<string, Operator> = Object.fromEntries(Object.entries(COMPARISONS).map(([operator, symbol]) => [symbol, operator as Operator]))

function ruleToLogic(rule: ConditionRule): OaCondition {
  const variable = { var: rule.subject }
  const symbol = COMPARISONS[rule.operator]
  if (symbol !== undefined) return { [symbol]: [variable, rule.value ?? null] }
  switch (rule.operator) {
    case 'between': {
      const [low, high] = Array.isArray(rule.value) ? rule.value : [null, null]
      return { '<=': [low ?? null, variable, high ?? null] }
    }
    case 'in':
      return { in: [variable, Array.isArray(rule.value) ? rule.value : []] }
    case 'notIn':
      return { '!': [{ in: [variable, Array.isArray(rule.value) ? rule.value : []] }] }
    case 'containsAny':
      return { some: [variable, { in: [{ var: '' }, Array.isArray(rule.value) ? rule.value : []] }] }
    case 'empty':
      return { '!': [variable] }
    case 'notEmpty':
      return { '!!': [variable] }
    default:
      throw new Error(`unknown operator ${rule.operator}`)
  }
}

/** The JSON Logic of a group; a nested group is one more `and` / `or`. */
export function toLogic(group: ConditionGroup): OaCondition {
  return { [group.join]: group.items.map((item) => (item.kind === 'group' ? toLogic(item) : ruleToLogic(item))) }
}

function operation(logic: unknown): [string, unknown[]] | null {
  if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return null
  const entries = Object.entries(logic)
  if (entries.length !== 1) return null
  const [operator, argument] = entries[0]!
  return [operator, Array.isArray(argument) ? argument : [argument]]
}

function variableOf(node: unknown): string | null {
  const parsed = operation(node)
  if (parsed === null || parsed[0] !== 'var') return null
  const name = parsed[1][0]
  return typeof name === 'string' && parsed[1].length === 1 ? name : null
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean'
}

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.every(isScalar)
}

function ruleFromLogic(logic: unknown): ConditionRule | null {
  const parsed = operation(logic)
  if (parsed === null) return null
  const [symbol, args] = parsed
  const comparison = BY_SYMBOL[symbol]
  if (comparison !== undefined && args.length === 2) {
    const subject = variableOf(args[0])
    return subject !== null && isScalar(args[1]) ? { kind: 'rule', subject, operator: comparison, value: args[1] } : null
  }
  if (symbol === '<=' && args.length === 3) {
    const subject = variableOf(args[1])
    return subject !== null && isScalar(args[0]) && isScalar(args[2]) ? { kind: 'rule', subject, operator: 'between', value: [args[0], args[2]] } : null
  }
  if (symbol === 'in' && args.length === 2) {
    const subject = variableOf(args[0])
    return subject !== null && isList(args[1]) ? { kind: 'rule', subject, operator: 'in', value: [...args[1]] } : null
  }
  if (symbol === 'some' && args.length === 2) {
    const subject = variableOf(args[0])
    const inner = operation(args[1])
    if (subject === null || inner === null || inner[0] !== 'in' || inner[1].length !== 2 || variableOf(inner[1][0]) !== '' || !isList(inner[1][1])) return null
    return { kind: 'rule', subject, operator: 'containsAny', value: [...inner[1][1]] }
  }
  if (symbol === '!!' && args.length === 1) {
    const subject = variableOf(args[0])
    return subject === null ? null : { kind: 'rule', subject, operator: 'notEmpty' }
  }
  if (symbol === '!' && args.length === 1) {
    const subject = variableOf(args[0])
    if (subject !== null) return { kind: 'rule', subject, operator: 'empty' }
    const inner = ruleFromLogic(args[0])
    return inner?.operator === 'in' ? { ...inner, operator: 'notIn' } : null
  }
  return null
}

function itemFromLogic(logic: unknown): ConditionItem | null {
  const parsed = operation(logic)
  if (parsed !== null && (parsed[0] === 'and' || parsed[0] === 'or') && Array.isArray((logic as Record<string, unknown>)[parsed[0]])) {
    return groupFromLogic(logic)
  }
  return ruleFromLogic(logic)
}

function groupFromLogic(logic: unknown): ConditionGroup | null {
  const parsed = operation(logic)
  if (parsed === null || (parsed[0] !== 'and' && parsed[0] !== 'or')) return null
  const items: ConditionItem[] = []
  for (const argument of parsed[1]) {
    const item = itemFromLogic(argument)
    if (item === null) return null
    items.push(item)
  }
  return { kind: 'group', join: parsed[0], items }
}

/**
 * The builder's model of a stored condition. A single rule (not inside `and`/`or`, as an
 * engine's own default might store it) reads as a group of one; anything the builder
 * would not have written reads as null.
 */
export function fromLogic(logic: OaCondition | null): ConditionGroup | null {
  if (logic === null) return null
  const group = groupFromLogic(logic)
  if (group !== null) return group
  const rule = ruleFromLogic(logic)
  return rule === null ? null : { kind: 'group', join: 'and', items: [rule] }
}

function rules(group: ConditionGroup): ConditionRule[] {
  return group.items.flatMap((item) => (item.kind === 'group' ? rules(item) : [item]))
}

/** Whether every rule has a value to compare with (a rule without one cannot decide anything). */
export function isComplete(group: ConditionGroup): boolean {
  const complete = (rule: ConditionRule): boolean => {
    if (rule.operator === 'empty' || rule.operator === 'notEmpty') return true
    if (rule.operator === 'between') return Array.isArray(rule.value) && rule.value.length === 2 && rule.value.every((v) => v !== null && v !== '')
    if (Array.isArray(rule.value)) return rule.value.length > 0
    return rule.value !== null && rule.value !== undefined && rule.value !== ''
  }
  const all = rules(group)
  return all.length > 0 && all.every(complete) && group.items.every((item) => item.kind === 'rule' || item.items.length > 0)
}

/** The subjects a group tests that the form no longer has (a field deleted or renamed since). */
export function unknownSubjects(group: ConditionGroup, subjects: readonly Subject[]): string[] {
  const known = new Set(subjects.map((subject) => subject.subject))
  return [...new Set(rules(group).map((rule) => rule.subject).filter((subject) => !known.has(subject)))]
}

/** How a condition reads on a branch card: "距离 > 100 且 金额 ≥ 1,000.00". */
export interface ConditionWords {
  subject: (subject: Subject | undefined, name: string) => string
  operator: (operator: Operator) => string
  value: (rule: ConditionRule, subject: Subject | undefined) => string
  and: string
  or: string
}

export function describeCondition(group: ConditionGroup, subjects: readonly Subject[], words: ConditionWords): string {
  const bySubject = new Map(subjects.map((subject) => [subject.subject, subject]))
  const describe = (item: ConditionItem, nested: boolean): string => {
    if (item.kind === 'group') {
      const text = item.items.map((inner) => describe(inner, true)).join(` ${item.join === 'and' ? words.and : words.or} `)
      return nested && item.items.length > 1 ? `(${text})` : text
    }
    const subject = bySubject.get(item.subject)
    const value = item.operator === 'empty' || item.operator === 'notEmpty' ? '' : ` ${words.value(item, subject)}`
    return `${words.subject(subject, item.subject)} ${words.operator(item.operator)}${value}`
  }
  return describe(group, false)
}
