import type { components } from '../schema'
import { api, dataOf } from '../request'

export type Role = components['schemas']['RoleDto']
export type CreateRole = components['schemas']['CreateRoleDto']
export type UpdateRole = components['schemas']['UpdateRoleDto']
export type DataScopeKind = Role['dataScope']

export const DATA_SCOPE_KINDS: readonly DataScopeKind[] = [
  'self',
  'department',
  'department-and-below',
  'chosen-departments',
  'all',
]

export async function listRoles(): Promise<Role[]> {
  return dataOf(await api.GET('/api/v1/org/roles'))
}

export async function fetchRole(id: string): Promise<Role> {
  return dataOf(await api.GET('/api/v1/org/roles/{id}', { params: { path: { id } } }))
}

export async function createRole(body: CreateRole): Promise<Role> {
  return dataOf(await api.POST('/api/v1/org/roles', { body }))
}

export async function updateRole(id: string, body: UpdateRole): Promise<Role> {
  return dataOf(await api.PATCH('/api/v1/org/roles/{id}', { params: { path: { id } }, body }))
}

export type GrantablePermission = components['schemas']['PermissionDto']

/** Every permission a role can hold, as the contexts declare them, with their labels. */
export async function listPermissions(): Promise<GrantablePermission[]> {
  return dataOf(await api.GET('/api/v1/org/permissions'))
}
