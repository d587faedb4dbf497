import { describe, expect, it } from 'vitest'
import { i18n } from '@/locales'
import { chinaKind, monthGrid, overrideDraft } from './calendar-year'
import { availableChange, defaultCancelFrom, leaveDelegationOffer, ledgerText, leavePeriodText, mayCancel, mayDelegate } from './leave-text'
import { awayOn, cellOf, monthRange, overlapping, shiftMonth } from './team-calendar'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

const leave = (startDate: string, endDate: string, extra: Record<string, unknown> = {}) => ({
  id: `${startDate}-${endDate}`,
  leaveType: { id: 't', code: 'annual', name: '年假', nameEn: 'Annual leave', unit: 'half-day' as const },
  startDate,
  endDate,
  startHalf: null,
  endHalf: null,
  days: '1',
  status: 'approved' as const,
  ...extra,
})

describe('the ledger in words', () => {
  it('says what each entry did to the days available, signed', () => {
    expect(availableChange({ grantedDelta: '5', heldDelta: '0', usedDelta: '0' })).toBe('+5')
    expect(availableChange({ grantedDelta: '0', heldDelta: '3', usedDelta: '0' })).toBe('−3')
    // Taking held days moves them from held to used: nothing more leaves the available days.
    expect(availableChange({ grantedDelta: '0', heldDelta: '-3', usedDelta: '3' })).toBe('0')
    expect(availableChange({ grantedDelta: '0', heldDelta: '0', usedDelta: '-1.5' })).toBe('+1.5')
  })

  it('names the kind, the leave and why it was released; an adjustment is told from a yearly grant', () => {
    expect(ledgerText({ kind: 'hold', source: null, note: null, leavePeriod: '2026-12-24 ~ 2026-12-28' }, t)).toEqual({ what: '提交请假，冻结', about: '2026-12-24 ~ 2026-12-28' })
    expect(ledgerText({ kind: 'release', source: null, note: 'rejected', leavePeriod: '2026-11-12 ~ 2026-11-12' }, t).about).toBe('2026-11-12 ~ 2026-11-12 · 被驳回')
    expect(ledgerText({ kind: 'grant', source: 'statutory-annual:2026', note: '法定年假 2026（入职 2020-03-01）', leavePeriod: null }, t)).toEqual({ what: '发放', about: '法定年假 2026（入职 2020-03-01）' })
    expect(ledgerText({ kind: 'grant', source: null, note: '补发 2 天', leavePeriod: null }, t).what).toBe('人工调整')
    expect(ledgerText({ kind: 'grant', source: null, note: '加班 2026-10-03 8 小时', leavePeriod: null }, t).what).toBe('发放')
    expect(ledgerText({ kind: 'return', source: null, note: '销假 from 2026-09-30', leavePeriod: '2026-09-28 ~ 2026-09-29' }, t)).toEqual({ what: '销假，退回', about: '2026-09-28 ~ 2026-09-29 · 自 2026-09-30 起销假' })
  })
})

describe('a leave in my list', () => {
  it('reads its period with halves or times', () => {
    expect(leavePeriodText({ startDate: '2026-10-08', endDate: '2026-10-09', startHalf: 'am', endHalf: 'pm', startTime: null, endTime: null }, t)).toBe('2026-10-08 上午 ~ 2026-10-09 下午')
    expect(leavePeriodText({ startDate: '2026-11-12', endDate: '2026-11-12', startHalf: null, endHalf: null, startTime: '14:00', endTime: '18:00' }, t)).toBe('2026-11-12 14:00 ~ 2026-11-12 18:00')
  })

  it('offers 销假 for approved leave without a cancellation waiting, and a delegation while it is not over', () => {
    expect(mayCancel({ status: 'approved', cancellation: null })).toBe(true)
    expect(mayCancel({ status: 'approved', cancellation: { id: 'c', fromDate: '2026-12-25', days: '2', status: 'pending', requestId: null } })).toBe(false)
    expect(mayCancel({ status: 'pending', cancellation: null })).toBe(false)
    expect(mayDelegate({ status: 'approved', endDate: '2026-12-28' }, '2026-12-01')).toBe(true)
    expect(mayDelegate({ status: 'approved', endDate: '2026-11-28' }, '2026-12-01')).toBe(false)
    expect(defaultCancelFrom({ startDate: '2026-12-24', endDate: '2026-12-28' }, '2026-12-01')).toBe('2026-12-24')
    expect(defaultCancelFrom({ startDate: '2026-12-24', endDate: '2026-12-28' }, '2026-12-26')).toBe('2026-12-26')
  })
})

describe('the delegation offer on the request page', () => {
  it('is for the applicant of an approved leave that is not over', () => {
    const request = { businessType: 'oa.leave', businessId: 'l1', status: 'approved', applicant: { id: 'me' }, formData: { period: { start: '2026-12-24', end: '2026-12-28' } } }
    expect(leaveDelegationOffer(request, 'me', '2026-12-01')).toBe('/oa/leave/mine?delegate=l1')
    expect(leaveDelegationOffer(request, 'someone-else', '2026-12-01')).toBeNull()
    expect(leaveDelegationOffer(request, 'me', '2026-12-29')).toBeNull()
    expect(leaveDelegationOffer({ ...request, status: 'running' }, 'me', '2026-12-01')).toBeNull()
    expect(leaveDelegationOffer({ ...request, businessType: 'oa.expense' }, 'me', '2026-12-01')).toBeNull()
  })
})

describe('the team calendar', () => {
  it('spans a month and moves by months across years', () => {
    expect(monthRange('2026-02')).toMatchObject({ from: '2026-02-01', to: '2026-02-28' })
    expect(monthRange('2028-02').dates).toHaveLength(29)
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
  })

  it('fills a cell with the leave on that date, half a cell for a morning or an afternoon, approved before pending', () => {
    const leaves = [leave('2026-12-14', '2026-12-15', { startHalf: 'pm', endHalf: 'am', status: 'pending' }), leave('2026-12-15', '2026-12-15', { id: 'approved' })]
    expect(cellOf(leaves, '2026-12-13')).toBeNull()
    expect(cellOf(leaves, '2026-12-14')).toMatchObject({ half: 'pm', leave: { status: 'pending' } })
    expect(cellOf(leaves, '2026-12-15')).toMatchObject({ half: null, leave: { id: 'approved' } })
    expect(cellOf([leave('2026-12-16', '2026-12-16', { endHalf: 'am' })], '2026-12-16')?.half).toBe('am')
    expect(awayOn([{ leaves }, { leaves: [] }], '2026-12-15')).toBe(1)
  })

  it('finds who else is away in a leave’s days, leaving out the applicant', () => {
    const people = [
      { person: { id: 'me', name: '李明' }, leaves: [leave('2026-12-24', '2026-12-28')] },
      { person: { id: 'liu', name: '刘洋' }, leaves: [leave('2026-12-14', '2026-12-18'), leave('2026-12-28', '2026-12-29', { id: 'late' })] },
    ]
    expect(overlapping(people, 'me', '2026-12-24', '2026-12-28').map((row) => [row.person.name, row.leave.id])).toEqual([['刘洋', 'late']])
  })
})

describe('the working calendar’s year', () => {
  const special = new Map([
    ['2026-10-01', { date: '2026-10-01', kind: 'holiday' as const, working: false, name: '国庆节', nameEn: 'National Day', china: 'holiday' as const, overridden: false }],
    ['2026-10-10', { date: '2026-10-10', kind: 'adjusted-workday' as const, working: true, name: '国庆节', nameEn: 'National Day', china: 'adjusted-workday' as const, overridden: false }],
    ['2026-10-09', { date: '2026-10-09', kind: 'company-off' as const, working: false, name: '司庆日', nameEn: null, china: 'workday' as const, overridden: true }],
  ])

  it('lays a month out in weeks from Monday with each date’s kind', () => {
    const october = monthGrid(2026, 10, special)
    // 2026-10-01 is a Thursday: three blanks before it.
    expect(october.slice(0, 4).map((cell) => cell.date)).toEqual([null, null, null, '2026-10-01'])
    const kinds = new Map(october.filter((cell) => cell.date).map((cell) => [cell.date, cell.kind]))
    expect(kinds.get('2026-10-01')).toBe('holiday')
    expect(kinds.get('2026-10-10')).toBe('adjusted-workday')
    expect(kinds.get('2026-10-11')).toBe('weekend')
    expect(kinds.get('2026-10-12')).toBe('workday')
    expect(october.filter((cell) => cell.date)).toHaveLength(31)
  })

  it('starts an override from the date’s own, else from the opposite of China’s calendar', () => {
    expect(overrideDraft('2026-10-09', special.get('2026-10-09')!)).toEqual({ kind: 'off', name: '司庆日' })
    expect(overrideDraft('2026-10-12', null)).toEqual({ kind: 'off', name: '' })
    expect(overrideDraft('2026-10-11', null)).toEqual({ kind: 'work', name: '' })
    expect(chinaKind('2026-10-09', special.get('2026-10-09')!)).toBe('workday')
  })
})
