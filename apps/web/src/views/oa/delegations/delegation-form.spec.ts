import { describe, expect, it } from 'vitest'
import { delegationBody, scopeText } from './delegation-form'

describe('the delegation form', () => {
  it('sends the stand-in, the days, and the chosen types only when chosen', () => {
    const values = { delegateId: 'd1', period: ['2026-12-20', '2026-12-31'] as [string, string], scope: 'all' as const, requestTypeIds: ['t1'], reason: ' 年假 ' }
    expect(delegationBody(values, null)).toEqual({ delegateId: 'd1', startDate: '2026-12-20', endDate: '2026-12-31', reason: '年假' })
    expect(delegationBody({ ...values, scope: 'chosen', reason: '' }, 'p9')).toEqual({ delegatorId: 'p9', delegateId: 'd1', startDate: '2026-12-20', endDate: '2026-12-31', requestTypeIds: ['t1'] })
  })

  it('leaves what is missing empty, so the server names the field', () => {
    expect(delegationBody({ delegateId: null, period: null, scope: 'all', requestTypeIds: [], reason: '' }, null)).toEqual({ delegateId: '', startDate: '', endDate: '' })
  })

  it('reads the scope as all requests or the types by name', () => {
    const t = (key: string) => key
    expect(scopeText({ requestTypeIds: [] }, new Map(), t)).toBe('oaDelegation.allTypes')
    expect(scopeText({ requestTypeIds: ['t1', 't2'] }, new Map([['t1', '用车申请']]), t)).toBe('用车申请、t2')
  })
})
