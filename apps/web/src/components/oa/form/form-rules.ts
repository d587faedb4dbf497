import Decimal from 'decimal.js'
import type { OaColumnField, OaField, OaFormData, OaFormSchema } from '@zhongshu/contracts'
import { i18n } from '@/locales'
import { MONEY_PATTERN, compareMoney, formatMoney } from './money'
import {
  DEFAULT_MAX_FILES,
  DEFAULT_MAX_ROWS,
  DEFAULT_TEXTAREA_MAX,
  DEFAULT_TEXT_MAX,
  FORM_DATA,
  MAX_REFERENCES,
  isEmptyValue,
} from './form-values'

/**
 * The rules of a form, checked in the browser exactly as the server checks a submission
 * (the engine compiles the same schema to JSON Schema plus the rules it cannot say):
 * so a person learns what is wrong as they type, and the server's answer is the same
 * when they do not. Each problem names its field by the server's path, so one display
 * shows both.
 */
export type FormRule =
  | 'required'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'number'
  | 'min'
  | 'max'
  | 'precision'
  | 'money'
  | 'date'
  | 'rangeOrder'
  | 'option'
  | 'unique'
  | 'minItems'
  | 'maxItems'
  | 'reference'
  | 'fileType'
  | 'minRows'
  | 'maxRows'

export interface FormProblem {
  /** `formData.amount`, `formData.trip.end`, `formData.lines[2].amount`, `formData.files[0]`. */
  field: string
  rule: FormRule
  /** The limit the rule names, as it reads ("2026-01-01", "1,000.00", 3). */
  limit?: string | number
  /** The admin's own words for a pattern ("请输入 11 位手机号"). */
  message?: string
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = DATE.exec(value)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** Decimal places of a number as it is written (1e-7 has 7). */
export function decimalPlaces(value: number): number {
  return new Decimal(value).decimalPlaces()
}

/** Length as JSON Schema counts it: characters (code points), so 𠀀 is one. */
function characters(value: string): number {
  return [...value].length
}

/** The pattern must match the whole value, as the contract says; an invalid pattern checks nothing. */
export function matchesWhole(pattern: string, value: string): boolean {
  let expression: RegExp
  try {
    expression = new RegExp(`^(?:${pattern})$`, 'u')
  } catch {
    return true
  }
  return expression.test(value)
}

type Check = (problem: Omit<FormProblem, 'field'>, at?: string) => void

function checkDate(value: unknown, field: { min?: string; max?: string }, path: string, fail: Check): boolean {
  if (!isDate(value)) {
    fail({ rule: 'date' }, path)
    return false
  }
  if (field.min !== undefined && value < field.min) fail({ rule: 'min', limit: field.min }, path)
  if (field.max !== undefined && value > field.max) fail({ rule: 'max', limit: field.max }, path)
  return true
}

function checkReferences(value: unknown, multiple: boolean, path: string, fail: Check): void {
  const ids = multiple ? value : [value]
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !UUID.test(id))) return fail({ rule: 'reference' })
  if (multiple && new Set(ids).size !== ids.length) fail({ rule: 'unique' })
  if (multiple && ids.length > MAX_REFERENCES) fail({ rule: 'maxItems', limit: MAX_REFERENCES })
  void path
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? '' : name.slice(dot).toLowerCase()
}

/** The problems of one value (present, not empty) of one field. */
function checkValue(field: OaField | OaColumnField, value: unknown, path: string, problems: FormProblem[]): void {
  const fail: Check = (problem, at = path) => void problems.push({ field: at, ...problem })
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return fail({ rule: 'pattern' })
      const length = characters(value)
      if (field.minLength !== undefined && length < field.minLength) fail({ rule: 'minLength', limit: field.minLength })
      const max = field.maxLength ?? (field.type === 'text' ? DEFAULT_TEXT_MAX : DEFAULT_TEXTAREA_MAX)
      if (length > max) fail({ rule: 'maxLength', limit: max })
      if (field.pattern !== undefined && field.pattern !== '' && !matchesWhole(field.pattern, value)) {
        fail({ rule: 'pattern', ...(field.patternMessage ? { message: field.patternMessage } : {}) })
      }
      return
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail({ rule: 'number' })
      if (field.min !== undefined && value < field.min) fail({ rule: 'min', limit: field.min })
      if (field.max !== undefined && value > field.max) fail({ rule: 'max', limit: field.max })
      if (field.precision !== undefined && decimalPlaces(value) > field.precision) fail({ rule: 'precision', limit: field.precision })
      return
    }
    case 'money': {
      if (typeof value !== 'string' || !MONEY_PATTERN.test(value)) return fail({ rule: 'money' })
      if (field.min !== undefined && MONEY_PATTERN.test(field.min) && compareMoney(value, field.min) < 0) fail({ rule: 'min', limit: formatMoney(field.min) })
      if (field.max !== undefined && MONEY_PATTERN.test(field.max) && compareMoney(value, field.max) > 0) fail({ rule: 'max', limit: formatMoney(field.max) })
      return
    }
    case 'date':
      checkDate(value, field, path, fail)
      return
    case 'dateRange': {
      const range = value as { start?: unknown; end?: unknown }
      if (typeof value !== 'object' || isEmptyValue(range.start) || isEmptyValue(range.end)) return fail({ rule: 'required' })
      const startOk = checkDate(range.start, field, `${path}.start`, fail)
      const endOk = checkDate(range.end, field, `${path}.end`, fail)
      if (startOk && endOk && (range.end as string) < (range.start as string)) fail({ rule: 'rangeOrder' }, `${path}.end`)
      return
    }
    case 'select':
      if (!field.options.some((option) => option.value === value)) fail({ rule: 'option' })
      return
    case 'multiSelect': {
      if (!Array.isArray(value)) return fail({ rule: 'option' })
      if (value.some((item) => !field.options.some((option) => option.value === item))) fail({ rule: 'option' })
      if (new Set(value).size !== value.length) fail({ rule: 'unique' })
      const min = Math.max(field.minItems ?? 0, field.required === true ? 1 : 0)
      if (value.length < min) fail({ rule: 'minItems', limit: min })
      if (field.maxItems !== undefined && value.length > field.maxItems) fail({ rule: 'maxItems', limit: field.maxItems })
      return
    }
    case 'person':
    case 'department':
      checkReferences(value, field.multiple === true, path, fail)
      return
    case 'attachment': {
      if (!Array.isArray(value)) return fail({ rule: 'reference' })
      const max = field.maxFiles ?? DEFAULT_MAX_FILES
      if (value.length > max) fail({ rule: 'maxItems', limit: max })
      const accept = field.accept ?? []
      value.forEach((file: { name?: unknown }, index) => {
        const name = typeof file?.name === 'string' ? file.name : undefined
        if (accept.length > 0 && name !== undefined && !accept.some((extension) => extension.toLowerCase() === extensionOf(name))) {
          fail({ rule: 'fileType', limit: accept.join(', ') }, `${path}[${index}]`)
        }
      })
      return
    }
    case 'table': {
      if (!Array.isArray(value)) return fail({ rule: 'minRows', limit: 1 })
      const min = Math.max(field.minRows ?? 0, field.required === true ? 1 : 0)
      const max = field.maxRows ?? DEFAULT_MAX_ROWS
      if (value.length < min) fail({ rule: 'minRows', limit: min })
      if (value.length > max) fail({ rule: 'maxRows', limit: max })
      value.forEach((row, index) => checkFields(field.columns, (row ?? {}) as OaFormData, `${path}[${index}]`, problems))
      return
    }
  }
}

function checkFields(fields: readonly (OaField | OaColumnField)[], data: OaFormData, base: string, problems: FormProblem[]): void {
  for (const field of fields) {
    const path = `${base}.${field.key}`
    const value = data[field.key]
    // An empty table is "no lines", which the table's own row rules judge.
    if (isEmptyValue(value) && !(field.type === 'table' && Array.isArray(value))) {
      if (field.required === true) problems.push({ field: path, rule: 'required' })
      continue
    }
    checkValue(field, value, path, problems)
  }
}

/** Every problem of a submission, by the server's field paths (`formData.…`). */
export function checkForm(schema: OaFormSchema, data: OaFormData): FormProblem[] {
  const problems: FormProblem[] = []
  checkFields(schema.fields, data, FORM_DATA, problems)
  return problems
}

/** The sentence under the field, in the current language. */
export function problemMessage(problem: FormProblem): string {
  if (problem.rule === 'pattern' && problem.message !== undefined) return problem.message
  const { t } = i18n.global
  return t(`oaForm.rules.${problem.rule}`, { limit: problem.limit ?? '' })
}
