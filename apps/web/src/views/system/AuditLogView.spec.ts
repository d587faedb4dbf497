import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { AuditEntry } from '@/api/platform/audit-log'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { mountView } from '@/testing/mount-view'
import AuditLogView from './AuditLogView.vue'

const entry: AuditEntry = {
  id: '1',
  occurredAt: '2026-11-23T08:00:00.000Z',
  kind: 'change',
  actorId: null,
  actorUsername: 'admin',
  ip: '127.0.0.1',
  userAgent: 'test',
  action: 'org:person:update',
  operation: 'update',
  entityType: 'org.person',
  entityId: 'p-1',
  changes: { name: { old: '李明', new: '李小明' } },
  outcome: 'success',
  detail: null,
  requestId: 'req-1',
  correlationId: null,
  causationId: null,
  clientCorrelationId: null,
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('AuditLogView', () => {
  it('lists entries and sends only the filters that are set, from the first page, then pages by cursor', async () => {
    const server = fakeServer({
      'GET /api/v1/platform/audit-log': () => jsonResponse(200, { items: [entry], total: 41, totalIsEstimate: false, pageSize: 20, nextCursor: 'cursor-2' }),
      'GET /api/v1/platform/company': () => jsonResponse(404, {}),
    })
    wrapper = mountView(AuditLogView).wrapper
    await flushPromises()

    expect(wrapper.get('[data-testid="audit-table"]').text()).toContain('org:person:update')
    const first = new URL(server.callsTo('GET /api/v1/platform/audit-log')[0]!.url).searchParams
    expect([...first.keys()].sort()).toEqual(['pageSize'])
    expect(wrapper.get('[data-testid="audit-total"]').text()).toBe('共 41 条')

    await wrapper.get('input[data-testid="audit-action"]').setValue('org:person:update')
    await wrapper.get('input[data-testid="audit-entity-type"]').setValue('org.person')
    await wrapper.get('[data-testid="audit-apply"]').trigger('click')
    await flushPromises()
    const calls = server.callsTo('GET /api/v1/platform/audit-log')
    const filtered = new URL(calls[calls.length - 1]!.url).searchParams
    expect(filtered.get('action')).toBe('org:person:update')
    expect(filtered.get('entityType')).toBe('org.person')
    expect(filtered.get('after')).toBeNull()

    await wrapper.get('[data-testid="audit-next"]').trigger('click')
    await flushPromises()
    const paged = server.callsTo('GET /api/v1/platform/audit-log')
    const next = new URL(paged[paged.length - 1]!.url).searchParams
    expect(next.get('after')).toBe('cursor-2')
    expect(next.get('action')).toBe('org:person:update')
    expect(next.get('page')).toBeNull()
  })

  it('says the total is an estimate when the server counted only so far', async () => {
    fakeServer({
      'GET /api/v1/platform/audit-log': () => jsonResponse(200, { items: [entry], total: 1234567, totalIsEstimate: true, pageSize: 20, nextCursor: 'c' }),
      'GET /api/v1/platform/company': () => jsonResponse(404, {}),
    })
    wrapper = mountView(AuditLogView).wrapper
    await flushPromises()
    expect(wrapper.get('[data-testid="audit-total"]').text()).toBe('约 1,234,567 条')
  })

  it('opens the whole business flow of an entry: every row sharing its correlation id', async () => {
    const flowEntry: AuditEntry = { ...entry, id: '2', correlationId: 'deal-42', causationId: 'evt-7', action: 'event:erp.open-sales-order' }
    const server = fakeServer({
      'GET /api/v1/platform/audit-log': () => jsonResponse(200, { items: [flowEntry], total: 1, totalIsEstimate: false, pageSize: 20, nextCursor: null }),
      'GET /api/v1/platform/company': () => jsonResponse(404, {}),
    })
    wrapper = mountView(AuditLogView).wrapper
    await flushPromises()
    await wrapper.get('input[data-testid="audit-action"]').setValue('org:person:update')

    await wrapper.get('.el-table__expand-icon').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('evt-7')
    await wrapper.get('[data-testid="audit-show-flow"]').trigger('click')
    await flushPromises()

    const calls = server.callsTo('GET /api/v1/platform/audit-log')
    const flow = new URL(calls[calls.length - 1]!.url).searchParams
    expect(flow.get('correlationId')).toBe('deal-42')
    expect(flow.get('action')).toBeNull()
    expect(flow.get('sort')).toBe('id')
    expect((wrapper.get('input[data-testid="audit-correlation"]').element as HTMLInputElement).value).toBe('deal-42')
  })

  it('reads as people read it: the action\'s label beside its code, the actor\'s username, the record\'s name, time to the second', async () => {
    fakeServer({
      'GET /api/v1/platform/audit-log': () => jsonResponse(200, { items: [entry], total: 1, totalIsEstimate: false, pageSize: 20, nextCursor: null }),
      'GET /api/v1/platform/company': () =>
        jsonResponse(200, {
          id: '0190a000-0000-7000-8000-000000000001',
          name: '示例制造',
          legalName: '示例制造有限公司',
          currency: 'CNY',
          timeZone: 'Asia/Shanghai',
          locale: 'zh-CN',
          version: 1,
          updatedAt: '2026-01-05T08:00:00.000Z',
        }),
    })
    wrapper = mountView(AuditLogView).wrapper
    await flushPromises()

    const row = wrapper.get('[data-testid="audit-table"] .el-table__body-wrapper').text()
    expect(row).toContain('编辑人员')
    expect(row).toContain('org:person:update')
    expect(row).toContain('admin')
    expect(row).toContain('李小明')
    expect(row).not.toContain('p-1')
    expect(row).toContain('16:00:00')
  })
  it('names ids as the server names them: the record, the actor, departments in the changes, permissions by label', async () => {
    const person = '0190a000-0000-7000-8000-000000000011'
    const ops = '0190a000-0000-7000-8000-0000000000d2'
    const sales = '0190a000-0000-7000-8000-0000000000d3'
    const actor = '0190a000-0000-7000-8000-000000000001'
    const moved: AuditEntry = {
      ...entry,
      actorId: actor,
      entityId: person,
      changes: { main_department_id: { old: ops, new: sales }, permissions: { old: [], new: ['org:person:read'] } },
    }
    fakeServer({
      'GET /api/v1/platform/audit-log': () =>
        jsonResponse(200, {
          items: [moved],
          total: 1,
          totalIsEstimate: false,
          pageSize: 20,
          nextCursor: null,
          names: { [person]: '刘洋', [ops]: '综合管理部', [sales]: '销售部', [actor]: '系统管理员' },
        }),
      'GET /api/v1/platform/company': () => jsonResponse(404, {}),
    })
    wrapper = mountView(AuditLogView).wrapper
    await flushPromises()

    const table = wrapper.get('[data-testid="audit-table"]')
    const row = table.get('.el-table__body-wrapper').text()
    expect(row).toContain('刘洋')
    expect(row).toContain('系统管理员 (admin)')
    await table.get('.el-table__expand-icon').trigger('click')
    await flushPromises()
    const details = table.text()
    expect(details).toContain('综合管理部')
    expect(details).toContain('销售部')
    expect(details).toContain('查看人员')
    expect(details).not.toContain(ops)
  })
})
