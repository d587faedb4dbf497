import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent } from 'vue'
import { ElDatePicker, ElSelect } from 'element-plus'
import type { components } from '@/api/schema'
import { useUserStore } from '@/stores/user'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { blankRouter, testApp } from '@/testing/plugins'
import StartView from '../StartView.vue'
import LeaveRequestView from './LeaveRequestView.vue'

type LeaveType = components['schemas']['LeaveTypeDto']

const ANNUAL = '0190a000-0000-7000-8000-00000000b001'
const PERSONAL = '0190a000-0000-7000-8000-00000000b002'
const LEAVE_TYPE = '0190a000-0000-7000-8000-00000000b0aa'

const rules = { paid: true, calendarDays: false, allowNegative: false, yearlyDays: null, attachmentAboveDays: null, maxDaysPerRequest: null, carryOverMaxDays: null, carryOverExpires: null, status: 'active' as const, version: 1 }
const annual: LeaveType = { id: ANNUAL, code: 'annual', name: '年假', nameEn: 'Annual leave', unit: 'half-day', keepsBalance: true, accrual: 'statutory-annual', sort: 10, ...rules }
const personal: LeaveType = { id: PERSONAL, code: 'personal', name: '事假', nameEn: 'Personal leave', unit: 'hour', keepsBalance: false, accrual: 'none', sort: 40, ...rules, paid: false }

const day = (date: string, kind: string, days: string, name: string | null = null) => ({ date, kind, working: kind === 'workday' || kind === 'adjusted-workday', name, nameEn: null, days, hours: String(Number(days) * 8) })

/** The server's quote of 2026-09-30 ~ 2026-10-10: National Day off, the adjusted Saturday worked. */
const nationalDay = {
  days: '4',
  hours: '32',
  unit: 'half-day',
  dates: [
    day('2026-09-30', 'workday', '1'),
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => day(`2026-10-${d}`, 'holiday', '0', '国庆节')),
    day('2026-10-08', 'workday', '1'),
    day('2026-10-09', 'workday', '1'),
    day('2026-10-10', 'adjusted-workday', '1', '国庆节'),
  ],
  balance: { year: 2026, available: '5', afterwards: '1', allowNegative: false },
  attachmentRequired: false,
}

const Blank = defineComponent({ render: () => null })
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  vi.useRealTimers()
})

async function mountAt(path: string, view: typeof LeaveRequestView | typeof StartView) {
  const router = blankRouter([
    { path: '/oa/start', name: 'oa-start', component: Blank },
    { path: '/oa/start/:requestTypeId', name: 'oa-submit', component: Blank },
    { path: '/oa/leave/new', name: 'oa-leave-new', component: Blank },
    { path: '/oa/leave/mine', name: 'oa-leave-mine', component: Blank },
    { path: '/oa/requests/:id', name: 'oa-request', component: Blank },
  ])
  const app = testApp(router)
  await router.push(path)
  useUserStore().applyAccess({ permissions: ['oa:request:submit', 'oa:leave:submit'], menus: [] })
  wrapper = mount(view, { global: { plugins: app.plugins }, attachTo: document.body })
  await flushPromises()
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)

/** Lets the answers arrive and Element Plus's debounced field errors show. */
async function settle(): Promise<void> {
  await flushPromises()
  await vi.advanceTimersByTimeAsync(200)
  await flushPromises()
}

async function giveReason(text: string): Promise<void> {
  const root = byTestId('leave-reason')!
  const area = root instanceof HTMLTextAreaElement ? root : root.querySelector('textarea')!
  area.value = text
  area.dispatchEvent(new Event('input'))
  await flushPromises()
}

const errorUnder = (id: string) => byTestId(id)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim()

/** Picks the type and the dates as the person would, through the components' models. */
async function fill(typeId: string, start: string, end: string): Promise<void> {
  wrapper!.findAllComponents(ElSelect)[0]!.vm.$emit('update:modelValue', typeId)
  await flushPromises()
  const [from, to] = wrapper!.findAllComponents(ElDatePicker)
  from!.vm.$emit('update:modelValue', start)
  to!.vm.$emit('update:modelValue', end)
  await flushPromises()
  await vi.advanceTimersByTimeAsync(400)
  await flushPromises()
}

function leaveServer(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeServer({
    'GET /api/v1/oa/leave/types': () => jsonResponse(200, [annual, personal]),
    'GET /api/v1/oa/leave/balances': () =>
      jsonResponse(200, [{ id: 'b1', leaveType: { id: ANNUAL, code: 'annual', name: '年假', nameEn: 'Annual leave', unit: 'half-day' }, year: 2026, granted: '5', held: '0', used: '0', available: '5', carried: '0', carriedExpiresOn: null, carriedExpired: false }]),
    'POST /api/v1/oa/leave/quote': () => jsonResponse(200, nationalDay),
    ...Object.fromEntries(
      [0, 1].map((offset) => [
        `GET /api/v1/oa/calendar/${new Date().getFullYear() + offset}`,
        () => jsonResponse(200, { year: new Date().getFullYear() + offset, chinaCalendarKnown: true, workingHours: { morning: ['09:00', '12:00'], afternoon: ['13:00', '18:00'], hoursPerDay: 8 }, days: [] }),
      ]),
    ),
    ...extra,
  })
}

describe('the catalogue', () => {
  it('links a type with a form of its own (请假) to that form, the others to the generic submit page', async () => {
    fakeServer({
      'GET /api/v1/oa/catalogue': () =>
        jsonResponse(200, [
          { category: '假勤', types: [{ id: LEAVE_TYPE, code: 'leave', name: '请假', icon: 'Calendar', description: null, formPath: '/oa/leave/new' }] },
          { category: '行政', types: [{ id: ANNUAL, code: 'vehicle', name: '用车', icon: 'Van', description: null, formPath: null }] },
        ]),
    })
    await mountAt('/oa/start', StartView)
    expect(byTestId('oa-type-leave')?.getAttribute('href')).toBe('/oa/leave/new')
    expect(byTestId('oa-type-vehicle')?.getAttribute('href')).toBe(`/oa/start/${ANNUAL}`)
  })
})

describe('LeaveRequestView, the leave form', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })

  it('quotes the dates as they are picked: the working days the server counts, the holidays not counted, the balance before and after', async () => {
    const server = leaveServer()
    await mountAt('/oa/leave/new', LeaveRequestView)
    expect(byTestId('leave-quote-empty')).not.toBeNull()
    await fill(ANNUAL, '2026-09-30', '2026-10-10')
    const asked = await server.callsTo('POST /api/v1/oa/leave/quote').at(-1)!.json()
    // A half-day type sends its halves: the whole days by default.
    expect(asked).toEqual({ leaveTypeId: ANNUAL, startDate: '2026-09-30', endDate: '2026-10-10', startHalf: 'am', endHalf: 'pm' })
    expect(byTestId('leave-quote-amount')?.textContent).toBe('4 个工作日')
    expect(byTestId('leave-quote-counted')?.textContent).toBe('计入：09-30、10-08、10-09、10-10')
    const special = byTestId('leave-quote-special')?.textContent ?? ''
    expect(special).toContain('国庆节 · 法定节假日')
    expect(special).toContain('国庆节 · 调休上班')
    expect(byTestId('leave-quote-balance')?.textContent).toContain('5 天')
    expect(byTestId('leave-quote-after')?.textContent).toBe('1 天')
    expect(byTestId('leave-type-rules')?.textContent).toContain('可按半天请假')
  })

  it('an hourly type asks for times and sends them instead of halves', async () => {
    const server = leaveServer({ 'POST /api/v1/oa/leave/quote': () => jsonResponse(200, { ...nationalDay, unit: 'hour', days: '0.5', hours: '4', dates: [day('2026-03-09', 'workday', '0.5')], balance: null }) })
    await mountAt('/oa/leave/new', LeaveRequestView)
    await fill(PERSONAL, '2026-03-09', '2026-03-09')
    expect(byTestId('leave-start-time')).not.toBeNull()
    expect(byTestId('leave-start-half')).toBeNull()
    expect(await server.callsTo('POST /api/v1/oa/leave/quote').at(-1)!.json()).toMatchObject({ startTime: '09:00', endTime: '18:00' })
    expect(byTestId('leave-quote-amount')?.textContent).toBe('4 小时（0.5 天）')
    expect(byTestId('leave-quote-balance')).toBeNull()
  })

  it('shows the server’s refusal under the field it belongs to, in the reader’s words', async () => {
    leaveServer({
      'POST /api/v1/oa/leave/requests': () =>
        problemResponse(409, 'Conflict', { code: 'oa.leave-overlaps', detail: 'This leave overlaps your leave from 2026-10-08 to 2026-10-09', errors: [{ field: 'startDate', message: 'overlaps your leave from 2026-10-08 to 2026-10-09' }] }),
    })
    await mountAt('/oa/leave/new', LeaveRequestView)
    await fill(ANNUAL, '2026-09-30', '2026-10-10')
    byTestId('leave-submit')!.click()
    await settle()
    // The reason is checked here before anything is sent.
    expect(errorUnder('leave-reason')).toBe('请填写请假事由')
    await giveReason('国庆回老家')
    byTestId('leave-submit')!.click()
    await settle()
    expect(errorUnder('leave-start-when')).toBe('与你 2026-10-08 至 2026-10-09 的请假时间重叠')
    expect(errorUnder('leave-reason')).toBeUndefined()
  })

  it('a balance too small is said under the end date; a success names the request and links to it', async () => {
    let refuse = true
    const server = leaveServer({
      'POST /api/v1/oa/leave/requests': () =>
        refuse
          ? problemResponse(422, 'Unprocessable Entity', { code: 'oa.insufficient-balance', detail: 'Not enough leave left', errors: [{ field: 'endDate', message: 'only 1 day(s) available' }] })
          : jsonResponse(201, { id: 'l1', requestId: '0190a000-0000-7000-8000-00000000c001', number: 'OA-2026-000042', status: 'pending', days: '4' }),
    })
    await mountAt('/oa/leave/new', LeaveRequestView)
    await fill(ANNUAL, '2026-09-30', '2026-10-10')
    await giveReason('国庆回老家')
    byTestId('leave-submit')!.click()
    await settle()
    expect(errorUnder('leave-end-when')).toBe('余额不足：只剩 1 天')
    refuse = false
    byTestId('leave-submit')!.click()
    await settle()
    expect(await server.callsTo('POST /api/v1/oa/leave/requests').at(-1)!.json()).toMatchObject({ leaveTypeId: ANNUAL, reason: '国庆回老家', startHalf: 'am', endHalf: 'pm' })
    expect(byTestId('leave-submitted')?.textContent).toContain('OA-2026-000042')
    expect(byTestId('leave-submitted-request')?.getAttribute('href')).toBe('/oa/requests/0190a000-0000-7000-8000-00000000c001')
  })
})
