import { aborting, api, dataOf } from '../request'
import type { CreateDelegation, Delegation } from './wire'

export type { CreateDelegation, Delegation } from './wire'

/** Delegations not yet ended where the person is away or stands in; another person's need oa:delegation:manage. */
export async function listDelegations(personId?: string, signal?: AbortSignal): Promise<Delegation[]> {
  return dataOf(await api.GET('/api/v1/oa/delegations', { params: { query: personId ? { personId } : {} }, ...aborting(signal) }))
}

/** A delegation that would close a loop of stand-ins answers 422 at `delegateId`. */
export async function createDelegation(body: CreateDelegation): Promise<Delegation> {
  return dataOf(await api.POST('/api/v1/oa/delegations', { body }))
}

/** Ends it now; tasks already with the stand-in stay there. */
export async function endDelegation(id: string): Promise<void> {
  await api.DELETE('/api/v1/oa/delegations/{id}', { params: { path: { id } } })
}
