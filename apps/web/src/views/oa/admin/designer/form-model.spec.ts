import { describe, expect, it } from 'vitest'
import { OA_FIELD_TYPES, type OaFormSchema } from '@zhongshu/contracts'
import { checkForm } from '@/components/oa/form/form-rules'
import { initialFormData } from '@/components/oa/form/form-values'
import { createField, fieldOfError, insertAt, keyFromLabel, keyProblems, moveItem, removeAt, uniqueKey, type TypeLabels } from './form-model'

const labels: TypeLabels = {
  text: '单行文本',
  textarea: '多行文本',
  number: '数字',
  money: '金额',
  date: '日期',
  dateRange: '日期区间',
  select: '单选',
  multiSelect: '多选',
  person: '人员',
  department: '部门',
  attachment: '附件',
  table: '明细',
  option: (n) => `选项${n}`,
}

describe('the form designer’s model', () => {
  it('makes keys from labels: pinyin in camel case, other words kept, always a valid key', () => {
    expect(keyFromLabel('用车时间')).toBe('yongCheShiJian')
    expect(keyFromLabel('重庆出差')).toBe('chongQingChuChai')
    expect(keyFromLabel('Distance (km)')).toBe('distanceKm')
    expect(keyFromLabel('2号 车')).toBe('haoChe')
    expect(keyFromLabel('！？')).toBe('field')
    expect(keyFromLabel('很'.repeat(30))).toHaveLength(40)
  })

  it('keeps keys unique', () => {
    expect(uniqueKey('amount', ['reason'])).toBe('amount')
    expect(uniqueKey('amount', ['amount', 'amount2'])).toBe('amount3')
    expect(uniqueKey('x'.repeat(40), ['x'.repeat(40)])).toBe(`${'x'.repeat(39)}2`)
  })

  it('creates every type with settings that are valid as they are', () => {
    const taken: string[] = []
    const fields = OA_FIELD_TYPES.map((type) => {
      const field = createField(type, labels, taken)
      taken.push(field.key)
      return field
    })
    expect(new Set(taken).size).toBe(OA_FIELD_TYPES.length)
    expect(fields.map((field) => field.type)).toEqual([...OA_FIELD_TYPES])
    expect(fields.find((field) => field.type === 'select')).toMatchObject({ options: [{ value: 'option1', label: '选项1' }, { value: 'option2', label: '选项2' }] })
    expect(fields.find((field) => field.type === 'table')).toMatchObject({ key: 'mingXi', columns: [{ key: 'danHangWenBen', type: 'text' }] })
    expect(keyProblems(fields).size).toBe(0)
    // An empty submission of the new form breaks no rule but "required", which none has yet.
    const schema: OaFormSchema = { fields }
    expect(checkForm(schema, initialFormData(schema))).toEqual([])
    expect(createField('text', labels, ['danHangWenBen']).key).toBe('danHangWenBen2')
  })

  it('moves, inserts and removes without touching the list it was given', () => {
    const list = ['a', 'b', 'c', 'd']
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(moveItem(list, 3, 0)).toEqual(['d', 'a', 'b', 'c'])
    expect(moveItem(list, 0, 9)).toEqual(list)
    expect(insertAt(list, 1, 'x')).toEqual(['a', 'x', 'b', 'c', 'd'])
    expect(insertAt(list, 99, 'x')).toEqual(['a', 'b', 'c', 'd', 'x'])
    expect(removeAt(list, 1)).toEqual(['a', 'c', 'd'])
    expect(list).toEqual(['a', 'b', 'c', 'd'])
  })

  it('finds bad and repeated keys', () => {
    expect([...keyProblems([{ key: 'a' }, { key: '1a' }, { key: 'a' }, { key: 'b_2' }])]).toEqual([
      [1, 'pattern'],
      [2, 'duplicate'],
    ])
  })

  it('places the server’s form errors on their field or column', () => {
    const schema: OaFormSchema = {
      fields: [
        { key: 'reason', label: '事由', type: 'text' },
        { key: 'lines', label: '明细', type: 'table', columns: [{ key: 'amount', label: '金额', type: 'money' }] },
      ],
    }
    expect(fieldOfError('form.reason', schema)).toEqual({ key: 'reason' })
    expect(fieldOfError('form.reason.pattern', schema)).toEqual({ key: 'reason' })
    expect(fieldOfError('form.lines.amount', schema)).toEqual({ key: 'lines', column: 'amount' })
    expect(fieldOfError('form.lines[0]', schema)).toEqual({ key: 'lines', column: 'amount' })
    expect(fieldOfError('form.lines', schema)).toEqual({ key: 'lines' })
    expect(fieldOfError('form[1]', schema)).toEqual({ key: 'lines' })
    expect(fieldOfError('form', schema)).toBeNull()
    expect(fieldOfError('form.gone', schema)).toBeNull()
  })
})
