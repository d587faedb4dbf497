import type { OaColumnField, OaField, OaFormData, OaFormSchema } from '@zhongshu/contracts'
import { moneyFromInput } from './money'

/** Path prefix of a submission's values in the server's field errors (`formData.lines[2].amount`). */
export const FORM_DATA = 'formData'

/** The server's limits where the schema leaves them open (the engine applies the same). */
export const DEFAULT_TEXT_MAX = 200
export const DEFAULT_TEXTAREA_MAX = 5000
export const DEFAULT_MAX_FILES = 10
export const DEFAULT_MAX_ROWS = 200
export const MAX_REFERENCES = 50

export type OaRow = Record<string, unknown>

/** What an input shows before anyone types: nothing, in the shape of its type. */
export function emptyValue(field: OaField | OaColumnField): unknown {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return ''
    case 'multiSelect':
    case 'attachment':
    case 'table':
      return []
    case 'person':
    case 'department':
      return field.multiple === true ? [] : null
    default:
      return null
  }
}

export function blankRow(columns: readonly OaColumnField[]): OaRow {
  const row: OaRow = {}
  for (const column of columns) row[column.key] = emptyValue(column)
  return row
}

/** How many lines a table starts with: its minimum, and one when it is required. */
export function initialRowCount(field: { required?: boolean; minRows?: number }): number {
  return Math.max(field.minRows ?? 0, field.required === true ? 1 : 0)
}

/** A new submission's values: every field empty, tables with their minimum of blank lines. */
export function initialFormData(schema: OaFormSchema): OaFormData {
  const data: OaFormData = {}
  for (const field of schema.fields) {
    data[field.key] =
      field.type === 'table'
        ? Array.from({ length: initialRowCount(field) }, () => blankRow(field.columns))
        : emptyValue(field)
  }
  return data
}

/** No value: what an optional field left alone holds. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return false
}

function cleanValue(field: OaField | OaColumnField, value: unknown): unknown {
  if (field.type === 'money' && typeof value === 'string') return moneyFromInput(value)
  if (field.type === 'table' && Array.isArray(value)) {
    return value.map((row) => (row !== null && typeof row === 'object' ? cleanRecord(field.columns, row as OaRow) : row))
  }
  return value
}

function cleanRecord(fields: readonly (OaField | OaColumnField)[], values: OaRow): OaRow {
  const clean: OaRow = {}
  for (const field of fields) {
    const value = cleanValue(field, values[field.key])
    // The server takes an absent key as "not filled"; an empty string would be a value
    // (and fail a pattern or a minimum length that the person never meant to meet).
    if (!isEmptyValue(value) || (field.type === 'table' && Array.isArray(value))) clean[field.key] = value
  }
  return clean
}

/**
 * The values as the server is sent them: empty optional values left out, money with
 * exactly two decimals, keys the form does not have dropped, table lines kept even when
 * blank (a blank line is the person's, and its required cells must be reported).
 */
export function submittableFormData(schema: OaFormSchema, data: OaFormData): OaFormData {
  const clean = cleanRecord(schema.fields, data)
  for (const field of schema.fields) {
    if (field.type === 'table' && Array.isArray(clean[field.key]) && (clean[field.key] as unknown[]).length === 0) delete clean[field.key]
  }
  return clean
}
