import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Lead } from '@/api/crm/crm'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { mountView } from '@/testing/mount-view'
import LeadsView from './LeadsView.vue'

const WANG = '0190a000-0000-7000-8000-000000000101'
const LI = '0190a000-0000-7000-8000-000000000102'

function lead(n: number): Lead {
  return {
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    name: `线索${n}`,
    company: null,
    title: null,
    phone: null,
    email: null,
    source: null,
    industry: null,
    province: null,
    city: null,
    remark: null,
    status: 'new',
    ownerId: null,
    ownerName: null,
    departmentId: '0190a000-0000-7000-8000-0000000000d2',
    lastFollowUpAt: null,
    invalidReason: null,
    customerId: null,
    createdAt: '2026-03-01T08:00:00.000Z',
    version: 1,
  }
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)

describe('LeadsView, assigning in turns', () => {
  it('names the reps chosen for the turns and sends them all', async () => {
    const leads = [lead(1), lead(2)]
    const server = fakeServer({
      'GET /api/v1/crm/leads': () => jsonResponse(200, { items: leads, total: 2, page: 1, pageSize: 20 }),
      [`GET /api/v1/org/people/${WANG}`]: () => jsonResponse(200, { id: WANG, name: '王芳', employeeNo: 'E0101' }),
      [`GET /api/v1/org/people/${LI}`]: () => jsonResponse(200, { id: LI, name: '李明', employeeNo: 'E0102' }),
      'POST /api/v1/crm/leads/distribute': () => jsonResponse(200, { assigned: { [leads[0]!.id]: WANG, [leads[1]!.id]: LI } }),
    })
    wrapper = mountView(LeadsView).wrapper
    await flushPromises()

    byTestId('leads-round-robin')!.click()
    await flushPromises()
    const turns = document.querySelector<HTMLInputElement>('.el-radio-button input[value="turns"]')!
    turns.click()
    await flushPromises()
    wrapper.findComponent({ name: 'PeoplePicker' }).vm.$emit('update:modelValue', [WANG, LI])
    await flushPromises()

    // Each chosen rep reads by name in the picker, not as a number.
    const chosen = [...byTestId('assign-turns')!.querySelectorAll('.el-tag')].map((tag) => tag.textContent?.trim())
    expect(chosen).toEqual(['王芳', '李明'])

    byTestId('assign-save')!.click()
    await flushPromises()
    const sent = server.callsTo('POST /api/v1/crm/leads/distribute')
    expect(sent).toHaveLength(1)
    expect(await sent[0]!.json()).toEqual({ leadIds: leads.map((row) => row.id), ownerIds: [WANG, LI] })
  })
})
