import type { components } from '../schema'
import { api, dataOf } from '../request'

export type Position = components['schemas']['PositionDto']
export type CreatePosition = components['schemas']['CreatePositionDto']
export type UpdatePosition = components['schemas']['UpdatePositionDto']

/** A short company-wide catalogue: the server answers all of it, unpaged. */
export async function listPositions(): Promise<Position[]> {
  return dataOf(await api.GET('/api/v1/org/positions'))
}

export async function createPosition(body: CreatePosition): Promise<Position> {
  return dataOf(await api.POST('/api/v1/org/positions', { body }))
}

export async function updatePosition(id: string, body: UpdatePosition): Promise<Position> {
  return dataOf(await api.PATCH('/api/v1/org/positions/{id}', { params: { path: { id } }, body }))
}
