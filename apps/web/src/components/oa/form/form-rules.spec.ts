import { describe, expect, it } from 'vitest'
import type { OaField, OaFormSchema } from '@zhongshu/contracts'
import { i18n } from '@/locales'
import { checkForm, decimalPlaces, isDate, matchesWhole, problemMessage, type FormProblem } from './form-rules'
import { initialFormData, submittableFormData } from './form-values'

const PERSON = '0190a000-0000-7000-8000-000000000101'
const OTHER = '0190a000-0000-7000-8000-000000000102'

function check(field: OaField, value: unknown): Pick<FormProblem, 'field' | 'rule' | 'limit'>[] {
  return checkForm({ fields: [field] }, { [field.key]: value }).map(({ field: path, rule, limit }) => ({ field: path, rule, ...(limit !== undefined ? { limit } : {}) }))
}

describe('the rules of a form, as the server checks them', () => {
  it('requires a value, where whitespace, an empty list or null is none', () => {
    const text: OaField = { key: 'reason', label: '事由', type: 'text', required: true }
    expect(check(text, '')).toEqual([{ field: 'formData.reason', rule: 'required' }])
    expect(check(text, '   ')).toEqual([{ field: 'formData.reason', rule: 'required' }])
    expect(check(text, null)).toEqual([{ field: 'formData.reason', rule: 'required' }])
    expect(check({ key: 'tags', label: '标签', type: 'multiSelect', required: true, options: [{ value: 'a', label: 'A' }] }, [])).toEqual([
      { field: 'formData.tags', rule: 'required' },
    ])
    expect(check(text, '出差')).toEqual([])
    expect(check({ ...text, required: false }, '')).toEqual([])
  })

  it('checks text lengths in characters, with the server defaults, and the whole-value pattern with its message', () => {
    const text: OaField = { key: 'code', label: '编号', type: 'text', minLength: 2, maxLength: 4, pattern: '[A-Z]+', patternMessage: '只能是大写字母' }
    expect(check(text, 'A')).toEqual([{ field: 'formData.code', rule: 'minLength', limit: 2 }])
    expect(check(text, 'ABCDE')).toEqual([{ field: 'formData.code', rule: 'maxLength', limit: 4 }])
    // Contained but not whole: the contract says the whole value must match.
    expect(check(text, 'AB1')).toEqual([{ field: 'formData.code', rule: 'pattern' }])
    expect(check(text, 'ABC')).toEqual([])
    expect(checkForm({ fields: [text] }, { code: 'ab' }).map(problemMessage)).toEqual(['只能是大写字母'])
    // 𠀀 is one character though two UTF-16 units.
    expect(check({ key: 'name', label: '名', type: 'text', maxLength: 2 }, '𠀀𠀀')).toEqual([])
    expect(check({ key: 'name', label: '名', type: 'text' }, 'x'.repeat(201))).toEqual([{ field: 'formData.name', rule: 'maxLength', limit: 200 }])
    expect(check({ key: 'note', label: '备注', type: 'textarea' }, 'x'.repeat(5000))).toEqual([])
    expect(check({ key: 'note', label: '备注', type: 'textarea' }, 'x'.repeat(5001))).toEqual([{ field: 'formData.note', rule: 'maxLength', limit: 5000 }])
    expect(matchesWhole('a|b', 'ab')).toBe(false)
    expect(matchesWhole('(', 'anything')).toBe(true)
  })

  it('checks numbers: bounds and decimals allowed', () => {
    const distance: OaField = { key: 'distance', label: '距离', type: 'number', min: 0, max: 1000, precision: 1, unit: '公里' }
    expect(check(distance, -1)).toEqual([{ field: 'formData.distance', rule: 'min', limit: 0 }])
    expect(check(distance, 1000.1)).toEqual([{ field: 'formData.distance', rule: 'max', limit: 1000 }])
    expect(check(distance, 12.25)).toEqual([{ field: 'formData.distance', rule: 'precision', limit: 1 }])
    expect(check(distance, 12.5)).toEqual([])
    expect(check(distance, Number.NaN)).toEqual([{ field: 'formData.distance', rule: 'number' }])
    expect(check(distance, '12')).toEqual([{ field: 'formData.distance', rule: 'number' }])
    expect(check({ key: 'days', label: '天数', type: 'number', precision: 0 }, 1.5)).toEqual([{ field: 'formData.days', rule: 'precision', limit: 0 }])
    expect(decimalPlaces(0.1 + 0.2)).toBeGreaterThan(2)
  })

  it('checks money as decimal strings against decimal bounds', () => {
    const amount: OaField = { key: 'amount', label: '金额', type: 'money', min: '0.01', max: '50000.00' }
    expect(check(amount, '0.00')).toEqual([{ field: 'formData.amount', rule: 'min', limit: '0.01' }])
    expect(check(amount, '50000.01')).toEqual([{ field: 'formData.amount', rule: 'max', limit: '50,000.00' }])
    expect(check(amount, '50000.00')).toEqual([])
    expect(check(amount, '12.345')).toEqual([{ field: 'formData.amount', rule: 'money' }])
    expect(check(amount, 12.5)).toEqual([{ field: 'formData.amount', rule: 'money' }])
  })

  it('checks dates: real days, inclusive bounds, and a range that does not end before it starts', () => {
    const day: OaField = { key: 'day', label: '日期', type: 'date', min: '2026-01-01', max: '2026-12-31' }
    expect(check(day, '2025-12-31')).toEqual([{ field: 'formData.day', rule: 'min', limit: '2026-01-01' }])
    expect(check(day, '2026-12-31')).toEqual([])
    expect(check(day, '2026-02-30')).toEqual([{ field: 'formData.day', rule: 'date' }])
    const trip: OaField = { key: 'trip', label: '用车时间', type: 'dateRange', required: true, min: '2026-01-01' }
    expect(check(trip, { start: '2026-03-02', end: '2026-03-01' })).toEqual([{ field: 'formData.trip.end', rule: 'rangeOrder' }])
    expect(check(trip, { start: '2025-03-02', end: '2026-03-01' })).toEqual([{ field: 'formData.trip.start', rule: 'min', limit: '2026-01-01' }])
    expect(check(trip, { start: '2026-03-01', end: '2026-03-01' })).toEqual([])
    expect(check(trip, { start: '2026-03-01', end: '' })).toEqual([{ field: 'formData.trip', rule: 'required' }])
    expect(isDate('2024-02-29')).toBe(true)
    expect(isDate('2025-02-29')).toBe(false)
  })

  it('checks choices: known options, no repeats, counts', () => {
    const options = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }]
    expect(check({ key: 'kind', label: '类型', type: 'select', options }, 'z')).toEqual([{ field: 'formData.kind', rule: 'option' }])
    const tags: OaField = { key: 'tags', label: '标签', type: 'multiSelect', options, minItems: 2, maxItems: 2 }
    expect(check(tags, ['a'])).toEqual([{ field: 'formData.tags', rule: 'minItems', limit: 2 }])
    expect(check(tags, ['a', 'b', 'c'])).toEqual([{ field: 'formData.tags', rule: 'maxItems', limit: 2 }])
    expect(check(tags, ['a', 'a'])).toEqual([{ field: 'formData.tags', rule: 'unique' }])
    expect(check(tags, ['a', 'z'])).toEqual([{ field: 'formData.tags', rule: 'option' }])
    expect(check(tags, ['a', 'b'])).toEqual([])
  })

  it('checks people and departments as ids, one or several', () => {
    expect(check({ key: 'driver', label: '司机', type: 'person' }, 'not-an-id')).toEqual([{ field: 'formData.driver', rule: 'reference' }])
    expect(check({ key: 'driver', label: '司机', type: 'person' }, PERSON)).toEqual([])
    expect(check({ key: 'team', label: '同行人', type: 'person', multiple: true }, [PERSON, PERSON])).toEqual([{ field: 'formData.team', rule: 'unique' }])
    expect(check({ key: 'team', label: '同行人', type: 'person', multiple: true }, [PERSON, OTHER])).toEqual([])
  })

  it('checks attachments: how many, and each file by its extension', () => {
    const files: OaField = { key: 'files', label: '附件', type: 'attachment', maxFiles: 2, accept: ['.pdf', '.jpg'] }
    const file = (name: string) => ({ id: PERSON, name, size: 10 })
    expect(check(files, [file('a.pdf'), file('b.JPG')])).toEqual([])
    expect(check(files, [file('a.pdf'), file('b.exe')])).toEqual([{ field: 'formData.files[1]', rule: 'fileType', limit: '.pdf, .jpg' }])
    expect(check(files, [file('a.pdf'), file('b.pdf'), file('c.pdf')])).toEqual([{ field: 'formData.files', rule: 'maxItems', limit: 2 }])
    expect(check({ key: 'files', label: '附件', type: 'attachment' }, Array.from({ length: 11 }, (_, i) => file(`${i}.txt`)))).toEqual([
      { field: 'formData.files', rule: 'maxItems', limit: 10 },
    ])
  })

  it('checks a table: row counts and every cell under its row', () => {
    const lines: OaField = {
      key: 'lines',
      label: '明细',
      type: 'table',
      required: true,
      maxRows: 2,
      columns: [
        { key: 'item', label: '项目', type: 'text', required: true },
        { key: 'amount', label: '金额', type: 'money', required: true, min: '0.01' },
      ],
    }
    expect(check(lines, [])).toEqual([{ field: 'formData.lines', rule: 'minRows', limit: 1 }])
    expect(check(lines, [{ item: '打车', amount: '12.00' }, { item: '', amount: '0.00' }])).toEqual([
      { field: 'formData.lines[1].item', rule: 'required' },
      { field: 'formData.lines[1].amount', rule: 'min', limit: '0.01' },
    ])
    expect(check(lines, [{ item: 'a', amount: '1.00' }, { item: 'b', amount: '1.00' }, { item: 'c', amount: '1.00' }])).toEqual([
      { field: 'formData.lines', rule: 'maxRows', limit: 2 },
    ])
    expect(check({ ...lines, required: false }, [])).toEqual([])
  })

  it('names every rule in both languages', () => {
    const problems: FormProblem[] = [
      { field: 'x', rule: 'required' },
      { field: 'x', rule: 'maxLength', limit: 4 },
      { field: 'x', rule: 'rangeOrder' },
      { field: 'x', rule: 'pattern' },
    ]
    expect(problems.map(problemMessage)).toEqual(['必填', '最多 4 个字', '结束不能早于开始', '格式不正确'])
    i18n.global.locale.value = 'en'
    expect(problems.map(problemMessage)).toEqual(['Required', 'At most 4 characters', 'Cannot end before it starts', 'Not in the expected format'])
  })
})

describe('the values of a submission', () => {
  const schema: OaFormSchema = {
    fields: [
      { key: 'reason', label: '事由', type: 'text' },
      { key: 'amount', label: '金额', type: 'money' },
      { key: 'tags', label: '标签', type: 'multiSelect', options: [{ value: 'a', label: 'A' }] },
      { key: 'team', label: '同行人', type: 'person', multiple: true },
      { key: 'driver', label: '司机', type: 'person' },
      { key: 'lines', label: '明细', type: 'table', minRows: 2, columns: [{ key: 'amount', label: '金额', type: 'money' }, { key: 'note', label: '备注', type: 'text' }] },
      { key: 'extras', label: '其他', type: 'table', columns: [{ key: 'note', label: '备注', type: 'text' }] },
    ],
  }

  it('starts empty in each type’s shape, tables with their minimum of lines', () => {
    expect(initialFormData(schema)).toEqual({
      reason: '',
      amount: null,
      tags: [],
      team: [],
      driver: null,
      lines: [{ amount: null, note: '' }, { amount: null, note: '' }],
      extras: [],
    })
  })

  it('sends money with two decimals, leaves out what was not filled and keys the form lacks', () => {
    const data = { ...initialFormData(schema), amount: '12.5', reason: ' ', stray: 1, lines: [{ amount: '3', note: '' }, { amount: null, note: 'x' }] }
    expect(submittableFormData(schema, data)).toEqual({ amount: '12.50', lines: [{ amount: '3.00' }, { note: 'x' }] })
  })
})
