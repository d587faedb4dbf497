import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, type Component } from 'vue'
import { ElDropdown, ElInput } from 'element-plus'
import { useUserStore } from '@/stores/user'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { blankRouter, testApp } from '@/testing/plugins'
import CalendarAdminView from './CalendarAdminView.vue'
import MyLeaveView from './MyLeaveView.vue'
import LeaveTypesView from './LeaveTypesView.vue'
import TeamCalendarView from './TeamCalendarView.vue'

const ME = '0190a000-0000-7000-8000-000000000201'
const LEAVE = '0190a000-0000-7000-8000-00000000d001'
const REQUEST = '0190a000-0000-7000-8000-00000000d101'
const annualRef = { id: 't-annual', code: 'annual', name: '年假', nameEn: 'Annual leave', unit: 'half-day' }

const Blank = defineComponent({ render: () => null })
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  vi.useRealTimers()
})

async function mountAt(path: string, view: Component, permissions: string[]) {
  const router = blankRouter([
    { path: '/oa/leave/mine', name: 'oa-leave-mine', component: Blank },
    { path: '/oa/leave/new', name: 'oa-leave-new', component: Blank },
    { path: '/oa/leave/team', name: 'oa-leave-team', component: Blank },
    { path: '/oa/admin/calendar', name: 'oa-calendar', component: Blank },
    { path: '/oa/admin/leave-types', name: 'oa-leave-types', component: Blank },
    { path: '/oa/requests/:id', name: 'oa-request', component: Blank },
  ])
  const app = testApp(router)
  await router.push(path)
  const user = useUserStore()
  user.applyAccess({ permissions, menus: [] })
  user.profile = { id: ME, name: '李明' } as typeof user.profile
  wrapper = mount(view, { global: { plugins: app.plugins }, attachTo: document.body })
  await flushPromises()
  return router
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)

const approvedLeave = {
  id: LEAVE,
  person: { id: ME, name: '李明' },
  leaveType: annualRef,
  startDate: '2099-12-24',
  endDate: '2099-12-28',
  startHalf: 'am',
  endHalf: 'pm',
  startTime: null,
  endTime: null,
  days: '3',
  hours: '24',
  returnedDays: '0',
  reason: '年底探亲',
  status: 'approved',
  requestId: REQUEST,
  requestNumber: 'OA-2026-000042',
  cancellation: null,
  submittedAt: '2026-12-01T02:00:00.000Z',
}

function myLeaveServer(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeServer({
    'GET /api/v1/oa/leave/balances': () =>
      jsonResponse(200, [{ id: 'b-annual', leaveType: annualRef, year: 2026, granted: '10', held: '0', used: '5', available: '5', carried: '5', carriedExpiresOn: '2026-03-31', carriedExpired: true }]),
    'GET /api/v1/oa/leave/requests': () => jsonResponse(200, [approvedLeave]),
    'GET /api/v1/oa/leave/balances/b-annual/ledger': () =>
      jsonResponse(200, [
        { id: 'e1', kind: 'carry-over', grantedDelta: '5', heldDelta: '0', usedDelta: '0', availableAfter: '5', leaveId: null, leavePeriod: null, source: 'carry-over:2025', note: '2025 年结转（上限 5 天）', at: '2026-01-01T00:00:00.000Z' },
        { id: 'e2', kind: 'grant', grantedDelta: '5', heldDelta: '0', usedDelta: '0', availableAfter: '10', leaveId: null, leavePeriod: null, source: 'statutory-annual:2026', note: '法定年假 2026', at: '2026-01-01T00:00:01.000Z' },
        { id: 'e3', kind: 'hold', grantedDelta: '0', heldDelta: '3', usedDelta: '0', availableAfter: '7', leaveId: LEAVE, leavePeriod: '2099-12-24 ~ 2099-12-28', source: null, note: null, at: '2026-12-01T02:00:00.000Z' },
        { id: 'e4', kind: 'use', grantedDelta: '0', heldDelta: '-3', usedDelta: '3', availableAfter: '7', leaveId: LEAVE, leavePeriod: '2099-12-24 ~ 2099-12-28', source: null, note: null, at: '2026-12-01T03:00:00.000Z' },
      ]),
    ...extra,
  })
}

describe('MyLeaveView, my balances and leave', () => {
  it('shows each balance with its figures and explains it by its ledger, latest first', async () => {
    myLeaveServer()
    await mountAt('/oa/leave/mine', MyLeaveView, ['oa:leave:submit'])
    expect(byTestId('balance-available-annual')?.textContent).toBe('5')
    expect(byTestId('balance-used-annual')?.textContent).toBe('5')
    expect(byTestId('balance-annual')?.textContent).toContain('上年结转的天数已于 2026-03-31 过期')
    byTestId('balance-ledger-annual')!.click()
    await flushPromises()
    const entries = [...document.querySelectorAll<HTMLElement>('[data-testid^="ledger-"]')].filter((node) => node.dataset.testid !== 'ledger').map((node) => node.textContent ?? '')
    expect(entries).toHaveLength(4)
    expect(entries[0]).toContain('请假批准，扣除')
    expect(entries[1]).toContain('提交请假，冻结')
    expect(entries[1]).toContain('2099-12-24 ~ 2099-12-28')
    expect(entries[1]).toContain('−3')
    expect(entries[3]).toContain('上年结转')
    expect(entries[3]).toContain('+5')
  })

  it('asks 销假 of approved leave from a day on, with a reason', async () => {
    const server = myLeaveServer({
      'POST /api/v1/oa/leave/requests/0190a000-0000-7000-8000-00000000d001/cancel': () => jsonResponse(201, { id: 'c1', requestId: 'r2', number: 'OA-2026-000043', status: 'pending', days: '3' }),
    })
    await mountAt('/oa/leave/mine', MyLeaveView, ['oa:leave:submit'])
    expect(byTestId(`leave-${LEAVE}`)?.textContent).toContain('2099-12-24 上午 ~ 2099-12-28 下午')
    byTestId('leave-cancel')!.click()
    await flushPromises()
    byTestId('cancel-submit')!.click()
    await flushPromises()
    expect(server.callsTo(`POST /api/v1/oa/leave/requests/${LEAVE}/cancel`)).toHaveLength(0)
    wrapper!.findAllComponents(ElInput).at(-1)!.vm.$emit('update:modelValue', '计划有变')
    await flushPromises()
    byTestId('cancel-submit')!.click()
    await flushPromises()
    expect(await server.callsTo(`POST /api/v1/oa/leave/requests/${LEAVE}/cancel`)[0]!.json()).toEqual({ fromDate: '2099-12-24', reason: '计划有变' })
  })

  it('opens the delegation offer of the leave the notification links to (?delegate=)', async () => {
    myLeaveServer()
    await mountAt(`/oa/leave/mine?delegate=${LEAVE}`, MyLeaveView, ['oa:leave:submit'])
    expect(document.querySelector('[data-testid="delegation-offer"]')?.textContent).toContain('你的年假（2099-12-24 至 2099-12-28）已批准')
  })
  it('lets HR (oa:leave:manage) correct a balance with a reason; an employee has no such button', async () => {
    const server = myLeaveServer({
      'POST /api/v1/oa/leave/balances/adjust': () =>
        jsonResponse(200, [{ id: 'b-annual', leaveType: annualRef, year: 2026, granted: '12', held: '0', used: '5', available: '7', carried: '5', carriedExpiresOn: '2026-03-31', carriedExpired: true }]),
    })
    await mountAt('/oa/leave/mine', MyLeaveView, ['oa:leave:submit', 'oa:leave:manage'])
    byTestId('balance-adjust-annual')!.click()
    await flushPromises()
    const inputs = wrapper!.findAllComponents(ElInput)
    inputs.at(-2)!.vm.$emit('update:modelValue', '2')
    inputs.at(-1)!.vm.$emit('update:modelValue', '司龄奖励')
    await flushPromises()
    byTestId('adjust-submit')!.click()
    await flushPromises()
    expect(await server.callsTo('POST /api/v1/oa/leave/balances/adjust')[0]!.json()).toEqual({ personId: ME, leaveTypeId: 't-annual', year: 2026, days: '2', note: '司龄奖励' })
    expect(byTestId('balance-available-annual')?.textContent).toBe('7')
    wrapper!.unmount()
    wrapper = undefined
    myLeaveServer()
    await mountAt('/oa/leave/mine', MyLeaveView, ['oa:leave:submit'])
    expect(byTestId('balance-adjust-annual')).toBeNull()
  })
})

describe('MyLeaveView, HR’s yearly runs', () => {
  it('runs the year’s grants once confirmed and says what changed', async () => {
    const server = myLeaveServer({ 'POST /api/v1/oa/leave/balances/grant': () => jsonResponse(200, { people: 30, changed: 2 }) })
    await mountAt('/oa/leave/mine', MyLeaveView, ['oa:leave:submit', 'oa:leave:manage'])
    wrapper!.findComponent(ElDropdown).vm.$emit('command', 'grant')
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    expect(document.querySelector('.el-message-box')?.textContent).toContain(`发放 ${new Date().getFullYear()} 年的法定年假`)
    expect(server.callsTo('POST /api/v1/oa/leave/balances/grant')).toHaveLength(0)
    document.querySelector<HTMLElement>('.el-message-box__btns .el-button--primary')!.click()
    await vi.waitFor(() => expect(server.callsTo('POST /api/v1/oa/leave/balances/grant')).toHaveLength(1))
    expect(await server.callsTo('POST /api/v1/oa/leave/balances/grant')[0]!.json()).toEqual({ year: new Date().getFullYear() })
    await vi.waitFor(() => expect(document.body.textContent).toContain('已完成：30 人，2 项余额有变化'))
  })
})

describe('TeamCalendarView', () => {
  it('shows the month in the address, one row per person away, their days filled', async () => {
    const server = fakeServer({
      'GET /api/v1/oa/leave/team-calendar': () =>
        jsonResponse(200, {
          from: '2026-12-01',
          to: '2026-12-31',
          days: Array.from({ length: 31 }, (_, index) => {
            const date = `2026-12-${String(index + 1).padStart(2, '0')}`
            const weekend = [5, 6].includes((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7)
            return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, name: null, nameEn: null }
          }),
          people: [
            {
              person: { id: 'p1', name: '刘洋' },
              departmentId: 'd1',
              leaves: [{ id: 'l1', leaveType: annualRef, startDate: '2026-12-14', endDate: '2026-12-18', startHalf: 'am', endHalf: 'pm', days: '5', status: 'approved' }],
            },
          ],
        }),
    })
    await mountAt('/oa/leave/team?month=2026-12', TeamCalendarView, ['oa:leave:team'])
    const asked = new URL(server.callsTo('GET /api/v1/oa/leave/team-calendar')[0]!.url)
    expect([asked.searchParams.get('from'), asked.searchParams.get('to')]).toEqual(['2026-12-01', '2026-12-31'])
    const row = byTestId('team-row-刘洋')!
    expect(row.querySelectorAll('td.has-leave--approved')).toHaveLength(5)
    expect(byTestId('team-list')?.textContent).toContain('12-14 ~ 12-18')
  })
})

describe('CalendarAdminView, the working calendar', () => {
  const year = {
    year: 2026,
    chinaCalendarKnown: true,
    workingHours: { morning: ['09:00', '12:00'], afternoon: ['13:00', '18:00'], hoursPerDay: 8 },
    days: [
      { date: '2026-10-01', kind: 'holiday', working: false, name: '国庆节', nameEn: 'National Day', china: 'holiday', overridden: false },
      { date: '2026-10-10', kind: 'adjusted-workday', working: true, name: '国庆节', nameEn: 'National Day', china: 'adjusted-workday', overridden: false },
    ],
  }

  it('marks holidays and adjusted working days; an admin makes a date a company day off by clicking it', async () => {
    const server = fakeServer({
      'GET /api/v1/oa/calendar/2026': () => jsonResponse(200, year),
      'PUT /api/v1/oa/calendar/overrides/2026-10-09': () => jsonResponse(200, { date: '2026-10-09', kind: 'company-off', working: false, name: '司庆日', nameEn: null }),
    })
    await mountAt('/oa/admin/calendar?year=2026', CalendarAdminView, ['oa:calendar:read', 'oa:calendar:manage'])
    expect(byTestId('calendar-day-2026-10-01')?.className).toContain('kind-holiday')
    expect(byTestId('calendar-day-2026-10-10')?.className).toContain('kind-adjusted-workday')
    expect(byTestId('calendar-day-2026-10-11')?.className).toContain('kind-weekend')
    byTestId('calendar-day-2026-10-09')!.click()
    await flushPromises()
    byTestId('calendar-save')!.click()
    await flushPromises()
    // A name is asked for before anything is sent.
    expect(server.callsTo('PUT /api/v1/oa/calendar/overrides/2026-10-09')).toHaveLength(0)
    wrapper!.findAllComponents(ElInput).at(-1)!.vm.$emit('update:modelValue', '司庆日')
    await flushPromises()
    byTestId('calendar-save')!.click()
    await flushPromises()
    expect(await server.callsTo('PUT /api/v1/oa/calendar/overrides/2026-10-09')[0]!.json()).toEqual({ kind: 'off', name: '司庆日' })
    expect(server.callsTo('GET /api/v1/oa/calendar/2026')).toHaveLength(2)
  })

  it('is read-only without the calendar permission', async () => {
    fakeServer({ 'GET /api/v1/oa/calendar/2026': () => jsonResponse(200, year) })
    await mountAt('/oa/admin/calendar?year=2026', CalendarAdminView, ['oa:calendar:read'])
    expect(byTestId('calendar-day-2026-10-09')?.tagName).toBe('SPAN')
    expect(document.body.textContent).toContain('修改需要工作日历管理权限')
  })
})

describe('LeaveTypesView, the company’s leave types', () => {
  const sick = {
    id: 't-sick', code: 'sick', name: '病假', nameEn: 'Sick leave', paid: true, unit: 'half-day', calendarDays: false, keepsBalance: true, allowNegative: true, accrual: 'fixed',
    yearlyDays: '5', attachmentAboveDays: '2', maxDaysPerRequest: null, carryOverMaxDays: null, carryOverExpires: null, sort: 30, status: 'active', version: 3,
  }

  it('lists each type with its rules; a new one goes with only the rules that go together, and a refusal lands on its field', async () => {
    let refuse = true
    const server = fakeServer({
      'GET /api/v1/oa/leave/types': () => jsonResponse(200, [sick]),
      'POST /api/v1/oa/leave/types': () =>
        refuse
          ? jsonResponse(409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'oa.duplicate', detail: 'A leave type with the code home-leave exists', errors: [{ field: 'code', message: 'is taken' }] })
          : jsonResponse(201, { ...sick, id: 't-home', code: 'home-leave' }),
    })
    await mountAt('/oa/admin/leave-types', LeaveTypesView, ['oa:leave:manage'])
    expect(byTestId('leave-type-row-sick')?.textContent).toContain('超过 2 天需上传证明材料')
    expect(byTestId('leave-type-row-sick')?.textContent).toContain('每年 5 天')
    byTestId('leave-type-create')!.click()
    await flushPromises()
    const input = (testId: string) => wrapper!.findAllComponents(ElInput).find((candidate) => (candidate.vm.$attrs as Record<string, unknown>)['data-testid'] === testId)!
    input('leave-type-name').vm.$emit('update:modelValue', '探亲假')
    input('leave-type-name-en').vm.$emit('update:modelValue', 'Home leave')
    input('leave-type-code').vm.$emit('update:modelValue', 'home-leave')
    await flushPromises()
    byTestId('leave-type-save')!.click()
    await flushPromises()
    expect(await server.callsTo('POST /api/v1/oa/leave/types')[0]!.json()).toEqual({
      code: 'home-leave', name: '探亲假', nameEn: 'Home leave', paid: true, unit: 'day', calendarDays: false, keepsBalance: false, allowNegative: false, accrual: 'none',
      yearlyDays: null, attachmentAboveDays: null, maxDaysPerRequest: null, carryOverMaxDays: null, carryOverExpires: null, sort: 100,
    })
    await vi.waitFor(() => expect(input('leave-type-code').element.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('is taken'))
    refuse = false
    byTestId('leave-type-save')!.click()
    await flushPromises()
    expect(server.callsTo('GET /api/v1/oa/leave/types')).toHaveLength(2)
  })

  it('an edit names the version it read and may archive the type', async () => {
    const server = fakeServer({
      'GET /api/v1/oa/leave/types': () => jsonResponse(200, [sick]),
      'PATCH /api/v1/oa/leave/types/t-sick': () => jsonResponse(200, { ...sick, status: 'archived', version: 4 }),
    })
    await mountAt('/oa/admin/leave-types', LeaveTypesView, ['oa:leave:manage'])
    byTestId('leave-type-edit-sick')!.click()
    await flushPromises()
    byTestId('leave-type-archived')!.querySelector('input')!.click()
    await flushPromises()
    byTestId('leave-type-save')!.click()
    await flushPromises()
    expect(await server.callsTo('PATCH /api/v1/oa/leave/types/t-sick')[0]!.json()).toMatchObject({ code: 'sick', accrual: 'fixed', yearlyDays: '5', allowNegative: true, status: 'archived', version: 3 })
  })
})
