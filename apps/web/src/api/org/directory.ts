import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type DirectoryEntry = components['schemas']['DirectoryEntryDto']
export type DirectoryQuery = NonNullable<operations['Directory_search']['parameters']['query']>

/** 通讯录: active colleagues by name, login or number, for pickers; anyone signed in may search it. */
export async function searchDirectory(query: DirectoryQuery = {}, signal?: AbortSignal): Promise<components['schemas']['DirectoryPageDto']> {
  return dataOf(await api.GET('/api/v1/org/directory', { params: { query }, ...aborting(signal) }))
}
