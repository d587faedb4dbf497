import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type Person = components['schemas']['PersonDto']
/** A person as lists show them: with their department's and position's names. */
export type PersonListItem = components['schemas']['PersonListItemDto']
export type PersonPage = components['schemas']['PersonPageDto']
export type PersonQuery = NonNullable<operations['People_list']['parameters']['query']>
export type CreatePerson = components['schemas']['CreatePersonDto']
export type UpdatePerson = components['schemas']['UpdatePersonDto']
export type PersonStatus = Person['status']

/** `signal` lets a list drop a search that a newer one has replaced. */
export async function listPeople(query: PersonQuery = {}, signal?: AbortSignal): Promise<PersonPage> {
  return dataOf(await api.GET('/api/v1/org/people', { params: { query }, ...aborting(signal) }))
}

export async function fetchPerson(id: string): Promise<PersonListItem> {
  return dataOf(await api.GET('/api/v1/org/people/{id}', { params: { path: { id } } }))
}

export async function createPerson(body: CreatePerson): Promise<Person> {
  return dataOf(await api.POST('/api/v1/org/people', { body }))
}

export async function updatePerson(id: string, body: UpdatePerson): Promise<Person> {
  return dataOf(await api.PATCH('/api/v1/org/people/{id}', { params: { path: { id } }, body }))
}

/** Disabling ends every session of the person at once (server side). */
export async function disablePerson(id: string, version: number): Promise<Person> {
  return dataOf(await api.POST('/api/v1/org/people/{id}/disable', { params: { path: { id } }, body: { version } }))
}

export async function enablePerson(id: string, version: number): Promise<Person> {
  return dataOf(await api.POST('/api/v1/org/people/{id}/enable', { params: { path: { id } }, body: { version } }))
}

/** Offboarding: the person stays in the records, and can no longer sign in. */
export async function offboardPerson(id: string, version: number): Promise<Person> {
  return dataOf(await api.POST('/api/v1/org/people/{id}/leave', { params: { path: { id } }, body: { version } }))
}

export async function fetchPersonRoles(id: string): Promise<string[]> {
  return dataOf(await api.GET('/api/v1/org/people/{id}/roles', { params: { path: { id } } }))
}

export async function assignPersonRoles(id: string, roleCodes: string[]): Promise<string[]> {
  return dataOf(await api.PUT('/api/v1/org/people/{id}/roles', { params: { path: { id } }, body: { roleCodes } }))
}

/** An administrator sets a new password; the person's sessions end. */
export async function setPersonPassword(id: string, newPassword: string): Promise<void> {
  await api.POST('/api/v1/org/people/{id}/password', { params: { path: { id } }, body: { newPassword } })
}

export type Leader = components['schemas']['LeaderDto']
export type PersonRef = components['schemas']['PersonRefDto']
export type AccessReason = components['schemas']['AccessReasonDto']

/** The leader of the person's department and of the departments above it, nearest first. */
export async function fetchDepartmentLeaders(id: string, levelsUp: number): Promise<Leader[]> {
  return dataOf(await api.GET('/api/v1/org/people/{id}/leaders', { params: { path: { id }, query: { levelsUp } } }))
}

/** The direct manager, their manager, and so on up. */
export async function fetchManagerChain(id: string): Promise<PersonRef[]> {
  return dataOf(await api.GET('/api/v1/org/people/{id}/manager-chain', { params: { path: { id } } }))
}

/** Why the caller may see this person: which role and which data scope reach them. */
export async function fetchAccessReasons(id: string): Promise<AccessReason[]> {
  return dataOf(await api.GET('/api/v1/org/people/{id}/access', { params: { path: { id } } }))
}

export type HandoverItem = components['schemas']['HandoverItemDto']

/** What the person would hand over if they left now (open approval tasks, …), and to whom. */
export async function fetchHandover(id: string): Promise<HandoverItem[]> {
  return dataOf(await api.GET('/api/v1/org/people/{id}/handover', { params: { path: { id } } }))
}
