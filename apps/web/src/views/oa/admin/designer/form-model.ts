import { pinyin } from 'pinyin-pro'
import type { OaColumnField, OaField, OaFieldType, OaFormSchema } from '@zhongshu/contracts'

/**
 * The form designer's model, as pure functions over the schema: new fields with
 * settings valid to start from, keys made from labels (pinyin for Chinese) and kept
 * unique, list moves, and where the server's errors (`form.<key>`, `form.<table>.<col>`)
 * belong. pinyin-pro's dictionary is large, which is why this module is imported only by
 * the designer's route chunk.
 */

/** Types a table column may have: the simple ones (a table holds no table, nor files). */
export const COLUMN_TYPES = ['text', 'textarea', 'number', 'money', 'date', 'dateRange', 'select', 'multiSelect', 'person', 'department'] as const satisfies readonly OaFieldType[]
export type ColumnType = (typeof COLUMN_TYPES)[number]

/** The server's key rule: a letter, then letters, digits or `_`, at most 40. */
export const KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/
const MAX_KEY = 40

/**
 * A key from a label: Chinese by its pinyin ("用车时间" -> "yongCheShiJian"), other words
 * as they are, joined in camel case; "field" when nothing usable is left.
 */
export function keyFromLabel(label: string): string {
  const syllables = pinyin(label, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
  const words = syllables
    .flatMap((part) => part.split(/[^a-zA-Z0-9]+/))
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase())
  // A key starts with a letter: leading numbers ("2号车") are dropped, not capitalised past.
  while (words.length > 0 && /^[0-9]/.test(words[0]!)) words[0] = words[0]!.replace(/^[0-9]+/, '')
  while (words.length > 0 && words[0] === '') words.shift()
  const camel = words.map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('')
  return camel === '' ? 'field' : camel.slice(0, MAX_KEY)
}

/** `base`, or `base2`, `base3`… whichever is not taken, within 40 characters. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n += 1) {
    const suffix = String(n)
    const candidate = `${base.slice(0, MAX_KEY - suffix.length)}${suffix}`
    if (!used.has(candidate)) return candidate
  }
}

/** The label a new field of a type starts with (the designer passes the words of its language). */
export type TypeLabels = Record<OaFieldType, string> & { option: (n: number) => string }

/** A new field with settings that are valid as they are. */
export function createField(type: OaFieldType, labels: TypeLabels, taken: Iterable<string>): OaField {
  const label = labels[type]
  const key = uniqueKey(keyFromLabel(label), taken)
  switch (type) {
    case 'text':
    case 'textarea':
    case 'date':
    case 'dateRange':
    case 'money':
      return { key, label, type }
    case 'number':
      return { key, label, type, precision: 0 }
    case 'select':
    case 'multiSelect':
      return {
        key,
        label,
        type,
        options: [
          { value: 'option1', label: labels.option(1) },
          { value: 'option2', label: labels.option(2) },
        ],
      }
    case 'person':
    case 'department':
      return { key, label, type, multiple: false }
    case 'attachment':
      return { key, label, type, maxFiles: 5 }
    case 'table': {
      const column = createField('text', labels, []) as OaColumnField
      return { key, label, type, columns: [column] }
    }
  }
}

/** A copy with `item` at `index` (clamped to the list). */
export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const copy = [...list]
  copy.splice(Math.max(0, Math.min(index, copy.length)), 0, item)
  return copy
}

/** A copy with the item at `from` moved to `to`; the same list when either is out of range. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list]
  const copy = [...list]
  const [item] = copy.splice(from, 1)
  copy.splice(to, 0, item as T)
  return copy
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, position) => position !== index)
}

/** Whether the keys of a list of fields are all well-formed and unique. */
export function keyProblems(fields: readonly { key: string }[]): Map<number, 'pattern' | 'duplicate'> {
  const problems = new Map<number, 'pattern' | 'duplicate'>()
  const seen = new Map<string, number>()
  fields.forEach((field, index) => {
    if (!KEY_PATTERN.test(field.key)) problems.set(index, 'pattern')
    else if (seen.has(field.key)) problems.set(index, 'duplicate')
    else seen.set(field.key, index)
  })
  return problems
}

/**
 * Where a server error about the form belongs: `form.<key>` on that field,
 * `form.<table>.<col>` on the table's column; `form[3]` names a field by position (its
 * key was unusable). Null for the form as a whole.
 */
export function fieldOfError(path: string, schema: OaFormSchema): { key: string; column?: string } | null {
  const byIndex = /^form\[(\d+)\]/.exec(path)
  if (byIndex !== null) {
    const field = schema.fields[Number(byIndex[1])]
    return field === undefined ? null : { key: field.key }
  }
  const match = /^form\.([^.[\]]+)(?:\.([^.[\]]+)|\[(\d+)\])?/.exec(path)
  if (match === null) return null
  const field = schema.fields.find((candidate) => candidate.key === match[1])
  if (field === undefined) return null
  if (field.type === 'table') {
    if (match[2] !== undefined && field.columns.some((column) => column.key === match[2])) return { key: field.key, column: match[2] }
    if (match[3] !== undefined) {
      const column = field.columns[Number(match[3])]
      if (column !== undefined) return { key: field.key, column: column.key }
    }
  }
  return { key: field.key }
}
