import { describe, expect, it } from 'vitest'
import type { OaFormSchema } from '@zhongshu/contracts'
import {
  conditionSubjects,
  describeCondition,
  fromLogic,
  isComplete,
  newRule,
  operatorsFor,
  toLogic,
  unknownSubjects,
  type ConditionGroup,
} from './condition-logic'

const form: OaFormSchema = {
  fields: [
    { key: 'distance', label: '距离', type: 'number', unit: '公里' },
    { key: 'amount', label: '金额', type: 'money' },
    { key: 'trip', label: '用车时间', type: 'dateRange' },
    { key: 'car', label: '车型', type: 'select', options: [{ value: 'suv', label: 'SUV' }, { value: 'van', label: '面包车' }] },
    { key: 'needs', label: '需求', type: 'multiSelect', options: [{ value: 'driver', label: '司机' }] },
    { key: 'driver', label: '司机', type: 'person' },
    { key: 'note', label: '备注', type: 'textarea' },
    { key: 'files', label: '附件', type: 'attachment' },
  ],
}

describe('the condition builder and JSON Logic', () => {
  it('offers the fields that can decide a route, then the applicant’s facts', () => {
    const subjects = conditionSubjects(form, { start: '开始', end: '结束' })
    expect(subjects.map((subject) => [subject.subject, subject.valueType])).toEqual([
      ['form.distance', 'number'],
      ['form.amount', 'money'],
      ['form.trip.start', 'date'],
      ['form.trip.end', 'date'],
      ['form.car', 'option'],
      ['form.needs', 'options'],
      ['form.driver', 'person'],
      ['applicant.departmentId', 'department'],
      ['applicant.positionId', 'position'],
      ['applicant.level', 'number'],
      ['applicant.id', 'person'],
    ])
    expect(subjects[2]!.label).toBe('用车时间 · 开始')
  })

  it('offers operators that fit the value', () => {
    expect(operatorsFor('number')).toContain('gt')
    expect(operatorsFor('money')).toContain('between')
    expect(operatorsFor('option')).not.toContain('gt')
    expect(operatorsFor('options')).toEqual(['containsAny', 'empty', 'notEmpty'])
    expect(operatorsFor('department')).toEqual(['in', 'notIn', 'empty', 'notEmpty'])
    const subjects = conditionSubjects(form)
    expect(newRule(subjects[0]!)).toEqual({ kind: 'rule', subject: 'form.distance', operator: 'gt', value: null })
    expect(newRule(subjects.find((subject) => subject.subject === 'applicant.departmentId')!)).toEqual({
      kind: 'rule',
      subject: 'applicant.departmentId',
      operator: 'in',
      value: [],
    })
  })

  it('writes each operator as JSON Logic', () => {
    const group: ConditionGroup = {
      kind: 'group',
      join: 'and',
      items: [
        { kind: 'rule', subject: 'form.distance', operator: 'gt', value: 100 },
        { kind: 'rule', subject: 'form.amount', operator: 'between', value: ['1000.00', '5000.00'] },
        { kind: 'rule', subject: 'form.car', operator: 'notIn', value: ['van'] },
        { kind: 'rule', subject: 'form.needs', operator: 'containsAny', value: ['driver'] },
        { kind: 'rule', subject: 'form.driver', operator: 'empty' },
        {
          kind: 'group',
          join: 'or',
          items: [
            { kind: 'rule', subject: 'applicant.departmentId', operator: 'in', value: ['d1', 'd2'] },
            { kind: 'rule', subject: 'applicant.level', operator: 'gte', value: 5 },
            { kind: 'rule', subject: 'form.trip.start', operator: 'lt', value: '2026-01-01' },
            { kind: 'rule', subject: 'form.car', operator: 'notEmpty' },
          ],
        },
      ],
    }
    const logic = toLogic(group)
    expect(logic).toEqual({
      and: [
        { '>': [{ var: 'form.distance' }, 100] },
        { '<=': ['1000.00', { var: 'form.amount' }, '5000.00'] },
        { '!': [{ in: [{ var: 'form.car' }, ['van']] }] },
        { some: [{ var: 'form.needs' }, { in: [{ var: '' }, ['driver']] }] },
        { '!': [{ var: 'form.driver' }] },
        {
          or: [
            { in: [{ var: 'applicant.departmentId' }, ['d1', 'd2']] },
            { '>=': [{ var: 'applicant.level' }, 5] },
            { '<': [{ var: 'form.trip.start' }, '2026-01-01'] },
            { '!!': [{ var: 'form.car' }] },
          ],
        },
      ],
    })
    // And back: the builder reads what it wrote, exactly.
    expect(fromLogic(logic)).toEqual(group)
    expect(fromLogic(JSON.parse(JSON.stringify(logic)))).toEqual(group)
  })

  it('reads every comparison back, and a lone rule as a group of one', () => {
    for (const operator of ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const) {
      const group: ConditionGroup = { kind: 'group', join: 'or', items: [{ kind: 'rule', subject: 'form.distance', operator, value: 3 }] }
      expect(fromLogic(toLogic(group))).toEqual(group)
    }
    expect(fromLogic({ '>': [{ var: 'form.distance' }, 100] })).toEqual({
      kind: 'group',
      join: 'and',
      items: [{ kind: 'rule', subject: 'form.distance', operator: 'gt', value: 100 }],
    })
    expect(fromLogic({ and: [] })).toEqual({ kind: 'group', join: 'and', items: [] })
    expect(fromLogic(null)).toBeNull()
  })

  it('does not guess at a condition the builder would not have written', () => {
    expect(fromLogic({ '>': [{ '+': [{ var: 'form.a' }, 1] }, 100] })).toBeNull()
    expect(fromLogic({ and: [{ '>': [{ var: 'form.a' }, 1] }, { if: [true, 1, 2] }] })).toBeNull()
    expect(fromLogic({ '>': [{ var: 'form.a' }, { var: 'form.b' }] })).toBeNull()
    expect(fromLogic({ '>': [{ var: 'form.a' }, 1], '<': [{ var: 'form.a' }, 5] })).toBeNull()
    expect(fromLogic({ '!': [{ '>': [{ var: 'form.a' }, 1] }] })).toBeNull()
  })

  it('knows when a condition is ready, and which subjects the form lost', () => {
    const subjects = conditionSubjects(form)
    expect(isComplete({ kind: 'group', join: 'and', items: [] })).toBe(false)
    expect(isComplete({ kind: 'group', join: 'and', items: [{ kind: 'rule', subject: 'form.distance', operator: 'gt', value: null }] })).toBe(false)
    expect(isComplete({ kind: 'group', join: 'and', items: [{ kind: 'rule', subject: 'form.amount', operator: 'between', value: ['1.00', ''] }] })).toBe(false)
    expect(isComplete({ kind: 'group', join: 'and', items: [{ kind: 'rule', subject: 'form.car', operator: 'in', value: [] }] })).toBe(false)
    expect(isComplete({ kind: 'group', join: 'and', items: [{ kind: 'rule', subject: 'form.car', operator: 'empty' }] })).toBe(true)
    expect(isComplete({ kind: 'group', join: 'and', items: [{ kind: 'rule', subject: 'form.distance', operator: 'gt', value: 0 }] })).toBe(true)
    expect(
      unknownSubjects({ kind: 'group', join: 'and', items: [{ kind: 'rule', subject: 'form.km', operator: 'gt', value: 1 }, { kind: 'rule', subject: 'form.distance', operator: 'gt', value: 1 }] }, subjects),
    ).toEqual(['form.km'])
  })

  it('reads as a sentence on the branch card', () => {
    const subjects = conditionSubjects(form)
    const text = describeCondition(
      {
        kind: 'group',
        join: 'and',
        items: [
          { kind: 'rule', subject: 'form.distance', operator: 'gt', value: 100 },
          { kind: 'group', join: 'or', items: [{ kind: 'rule', subject: 'form.car', operator: 'eq', value: 'suv' }, { kind: 'rule', subject: 'form.driver', operator: 'empty' }] },
        ],
      },
      subjects,
      {
        subject: (subject, name) => subject?.label ?? name,
        operator: (operator) => ({ gt: '>', eq: '=', empty: '为空' })[operator as 'gt'] ?? operator,
        value: (rule, subject) => subject?.options?.find((option) => option.value === rule.value)?.label ?? String(rule.value),
        and: '且',
        or: '或',
      },
    )
    expect(text).toBe('距离 > 100 且 (车型 = SUV 或 司机 为空)')
  })
})
