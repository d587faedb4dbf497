import type { CreateDelegation, Delegation } from '@/api/oa/delegations'

export interface DelegationValues {
  delegateId: string | null
  period: [string, string] | null
  scope: 'all' | 'chosen'
  requestTypeIds: string[]
  reason: string
}

/**
 * The body of a new delegation: for the caller, or for `delegatorId` (an admin setting
 * someone else's). Missing values go as empty strings so the server names the field.
 */
export function delegationBody(values: DelegationValues, delegatorId: string | null): CreateDelegation {
  const reason = values.reason.trim()
  return {
    ...(delegatorId ? { delegatorId } : {}),
    delegateId: values.delegateId ?? '',
    startDate: values.period?.[0] ?? '',
    endDate: values.period?.[1] ?? '',
    ...(values.scope === 'chosen' ? { requestTypeIds: values.requestTypeIds } : {}),
    ...(reason !== '' ? { reason } : {}),
  }
}

/** The server's status, as it says; "scheduled" starts on its first day. */
export function delegationState(delegation: Pick<Delegation, 'status'>): 'scheduled' | 'active' | 'ended' {
  return delegation.status === 'active' || delegation.status === 'ended' ? delegation.status : 'scheduled'
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/** 全部审批, or the names of the chosen types (an id whose type the reader cannot see stays an id). */
export function scopeText(delegation: Pick<Delegation, 'requestTypeIds'>, names: ReadonlyMap<string, string>, t: Translate): string {
  if (delegation.requestTypeIds.length === 0) return t('oaDelegation.allTypes')
  return delegation.requestTypeIds.map((id) => names.get(id) ?? id).join('、')
}
