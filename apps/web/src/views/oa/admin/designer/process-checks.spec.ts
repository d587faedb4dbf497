import { describe, expect, it } from 'vitest'
import type { OaFormSchema, OaProcessDefinition } from '@zhongshu/contracts'
import { errorsByNode, processWarnings } from './process-checks'

const form: OaFormSchema = { fields: [{ key: 'distance', label: '距离', type: 'number' }, { key: 'driver', label: '司机', type: 'person' }] }

const definition: OaProcessDefinition = {
  settings: { adminId: '', autoApproveApplicant: false, autoApproveRepeated: false },
  start: {
    id: 'start',
    type: 'start',
    name: '发起人',
    next: {
      id: 'a1',
      type: 'approval',
      name: '审批',
      approvers: { kind: 'people', personIds: [] },
      mode: 'sequential',
      whenEmpty: 'skip',
      next: {
        id: 'r',
        type: 'condition',
        name: '条件',
        branches: [
          { id: 'b1', name: '远', condition: { and: [{ '>': [{ var: 'form.distance' }, null] }] } },
          { id: 'b2', name: '旧字段', condition: { and: [{ '>': [{ var: 'form.km' }, 1] }] } },
          { id: 'b3', name: '手写', condition: { '+': [1, 2] } },
          { id: 'b4', name: '好的', condition: { and: [{ '>': [{ var: 'form.distance' }, 100] }] } },
          { id: 'b5', name: '其他', condition: null },
        ],
        next: {
          id: 'c1',
          type: 'cc',
          name: '抄送',
          recipients: { kind: 'form-field', field: 'gone' },
          next: { id: 'a2', type: 'approval', name: '司机确认', approvers: { kind: 'form-field', field: 'driver' }, mode: 'any', whenEmpty: 'skip' },
        },
      },
    },
  },
}

describe('what the designer can tell before publishing', () => {
  it('warns of rules naming nobody, unfinished or stale conditions, and a missing admin', () => {
    expect(Object.fromEntries(processWarnings(definition, form))).toEqual({
      settings: 'noAdmin',
      a1: 'noPeople',
      b1: 'noCondition',
      b2: 'unknownSubject',
      b3: 'customCondition',
      c1: 'unknownField',
    })
  })

  it('puts the server’s errors on their nodes and lists the rest', () => {
    const { byId, other } = errorsByNode(
      [
        { field: 'process.a1', message: '没有审批人' },
        { field: 'process.a1.approvers', message: '人员已离职' },
        { field: 'process.b1', message: '条件无效' },
        { field: 'process.settings.adminId', message: '请指定流程管理员' },
        { field: 'process.ghost', message: '不存在' },
        { field: 'form.distance', message: '不是流程的' },
      ],
      new Set(['a1', 'b1']),
    )
    expect(Object.fromEntries(byId)).toEqual({ a1: ['没有审批人', '人员已离职'], b1: ['条件无效'] })
    expect(other.map((error) => error.field)).toEqual(['process.settings.adminId', 'process.ghost'])
  })
})
