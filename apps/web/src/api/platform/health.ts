import type { components } from '../schema'
import { ApiError } from '../problem'
import { api, dataOf } from '../request'

export type LivenessReport = components['schemas']['LivenessDto']
export type ReadinessReport = components['schemas']['ReadinessDto']
export type ReadinessCheck = components['schemas']['CheckResultDto']

export async function fetchLiveness(): Promise<LivenessReport> {
  return dataOf(await api.GET('/api/health'))
}

function isReadinessReport(value: unknown): value is ReadinessReport {
  if (typeof value !== 'object' || value === null) return false
  const { status, checks } = value as Record<string, unknown>
  return (status === 'ok' || status === 'error') && typeof checks === 'object' && checks !== null
}

/**
 * The readiness report, also when a dependency is down: the API answers 503 with the
 * same report then, and which check failed is exactly what the dashboard must show.
 */
export async function fetchReadiness(): Promise<ReadinessReport> {
  try {
    return dataOf(await api.GET('/api/ready'))
  } catch (error) {
    if (error instanceof ApiError && error.status === 503 && isReadinessReport(error.body)) {
      return error.body
    }
    throw error
  }
}
