import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Person } from '@/api/org/people'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { mountView } from '@/testing/mount-view'
import OffboardDialog from './OffboardDialog.vue'

const ID = '0190a000-0000-7000-8000-000000000103'
const zheng: Person = {
  id: ID,
  employeeNo: 'E0103',
  name: '郑浩',
  username: 'zheng.hao',
  email: null,
  mobile: null,
  mainDepartmentId: 'd',
  positionId: null,
  managerId: null,
  hireDate: null,
  status: 'active',
  version: 4,
}
const item = (reference: string, movesTo: { id: string; name: string } | null) => ({
  context: 'oa',
  kind: 'oa.task',
  id: `task-${reference}`,
  title: `李明的用车申请 ${reference}`,
  reference,
  step: '部门负责人审批',
  link: `/oa/requests/${reference}`,
  movesTo,
})

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)

describe('OffboardDialog', () => {
  it('lists the work that will move and to whom before the offboarding is confirmed', async () => {
    const server = fakeServer({
      [`GET /api/v1/org/people/${ID}/handover`]: () =>
        jsonResponse(200, [item('OA-2026-000001', { id: 'z', name: '周强' }), item('OA-2026-000002', null), item('OA-2026-000003', { id: 'z', name: '周强' })]),
      [`POST /api/v1/org/people/${ID}/leave`]: () => jsonResponse(200, { ...zheng, status: 'left', version: 5 }),
    })
    const mounted = mountView(OffboardDialog)
    wrapper = mounted.wrapper
    ;(wrapper.vm as unknown as { show(person: Person): void }).show(zheng)
    await flushPromises()
    const list = byTestId('offboard-handover')!.textContent!
    expect(list).toContain('3 项')
    // Grouped by who takes it over, the one who takes most first; nobody last, as a warning.
    expect(list.indexOf('移交给 周强')).toBeLessThan(list.indexOf('没有可移交的人'))
    expect(byTestId('offboard-item-OA-2026-000002')?.textContent).toContain('部门负责人审批')
    expect(server.callsTo(`POST /api/v1/org/people/${ID}/leave`)).toHaveLength(0)

    byTestId('offboard-confirm')!.click()
    await flushPromises()
    const sent = server.callsTo(`POST /api/v1/org/people/${ID}/leave`)
    expect(sent).toHaveLength(1)
    expect(await sent[0]!.json()).toEqual({ version: 4 })
    expect(wrapper.emitted('done')?.[0]?.[0]).toMatchObject({ status: 'left' })
  })

  it('says when there is nothing to hand over', async () => {
    fakeServer({ [`GET /api/v1/org/people/${ID}/handover`]: () => jsonResponse(200, []) })
    wrapper = mountView(OffboardDialog).wrapper
    ;(wrapper.vm as unknown as { show(person: Person): void }).show(zheng)
    await flushPromises()
    expect(byTestId('offboard-nothing')?.textContent).toContain('没有未完成的工作')
  })
})
