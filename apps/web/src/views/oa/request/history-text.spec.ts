import { describe, expect, it } from 'vitest'
import type { HistoryEntry, RouteNode } from '@/api/oa/requests'
import { describeEntry } from './history-text'

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key}${JSON.stringify(values)}` : key)
const A = { id: 'a', name: '王芳' }
const B = { id: 'b', name: '刘洋' }

function entry(action: HistoryEntry['action'], extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return { id: '1', action, nodeId: 'leader', nodeName: '部门负责人', taskId: 't', actor: B, onBehalfOf: null, comment: null, attachments: [], detail: {}, people: [], at: '2026-12-01T00:00:00Z', ...extra }
}

describe('the history lines', () => {
  it('says "B for A" when a stand-in acted', () => {
    expect(describeEntry(entry('approve', { onBehalfOf: A }), [], t).who).toBe('刘洋（oaRequest.history.onBehalfOf{"name":"王芳"}）')
    expect(describeEntry(entry('approve'), [], t).who).toBe('刘洋')
    expect(describeEntry(entry('remind', { actor: null }), [], t).who).toBe('oaRequest.history.system')
  })

  it('names whom a task moved to, and why', () => {
    const line = describeEntry(entry('move', { actor: null, detail: { fromId: 'a', toId: 'b', reason: 'delegation' }, people: [A, B] }), [], t)
    expect(line.extra).toBe('oaRequest.history.movedTo{"from":"王芳","to":"刘洋"}（oaRequest.history.reasons.delegation）')
  })

  it('names where a return went, and whom a copy reached', () => {
    const route = [{ nodeId: 'leader', name: '部门负责人' }] as RouteNode[]
    expect(describeEntry(entry('return', { detail: { toNodeId: 'leader' } }), route, t).extra).toBe('oaRequest.history.returnedTo{"name":"部门负责人"}')
    expect(describeEntry(entry('return', { detail: { toNodeId: null } }), route, t).extra).toBe('oaRequest.history.returnedToApplicant')
    expect(describeEntry(entry('cc', { detail: { recipientIds: ['a', 'b'] }, people: [A, B] }), route, t).extra).toBe('oaRequest.history.to{"names":"王芳、刘洋"}')
  })
})
