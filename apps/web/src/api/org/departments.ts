import type { components, operations } from '../schema'
import { api, dataOf } from '../request'

export type Department = components['schemas']['DepartmentDto']
export type DepartmentPage = components['schemas']['DepartmentPageDto']
export type DepartmentQuery = NonNullable<operations['Departments_list']['parameters']['query']>
export type CreateDepartment = components['schemas']['CreateDepartmentDto']
export type UpdateDepartment = components['schemas']['UpdateDepartmentDto']
export type RemoveOutcome = components['schemas']['RemoveDepartmentResultDto']['outcome']

export async function listDepartments(query: DepartmentQuery = {}): Promise<DepartmentPage> {
  return dataOf(await api.GET('/api/v1/org/departments', { params: { query } }))
}

/** The server pages at most 200 rows; the tree needs them all, so read every page. */
export async function listAllDepartments(query: Omit<DepartmentQuery, 'page' | 'pageSize'> = {}): Promise<Department[]> {
  const pageSize = 200
  const all: Department[] = []
  for (let page = 1; ; page += 1) {
    const result = await listDepartments({ ...query, page, pageSize })
    all.push(...result.items)
    if (result.items.length < pageSize || all.length >= result.total) return all
  }
}

export async function fetchDepartment(id: string): Promise<Department> {
  return dataOf(await api.GET('/api/v1/org/departments/{id}', { params: { path: { id } } }))
}

export async function createDepartment(body: CreateDepartment): Promise<Department> {
  return dataOf(await api.POST('/api/v1/org/departments', { body }))
}

export async function updateDepartment(id: string, body: UpdateDepartment): Promise<Department> {
  return dataOf(await api.PATCH('/api/v1/org/departments/{id}', { params: { path: { id } }, body }))
}

export async function moveDepartment(id: string, version: number, parentId: string | null): Promise<Department> {
  return dataOf(
    await api.POST('/api/v1/org/departments/{id}/move', {
      params: { path: { id } },
      body: { version, parentId },
    }),
  )
}

/** Deletes an unused department; one with people or history is archived instead. */
export async function removeDepartment(id: string): Promise<RemoveOutcome> {
  return dataOf(await api.DELETE('/api/v1/org/departments/{id}', { params: { path: { id } } })).outcome
}
