import type { components } from '../schema'
import { api, dataOf } from '../request'

export type CompanyProfile = components['schemas']['CompanyProfileDto']

export async function fetchCompanyProfile(): Promise<CompanyProfile> {
  return dataOf(await api.GET('/api/v1/platform/company'))
}

export type CompanyProfileChange = components['schemas']['UpdateCompanyProfileDto']

export async function updateCompanyProfile(change: CompanyProfileChange): Promise<CompanyProfile> {
  return dataOf(await api.PATCH('/api/v1/platform/company', { body: change }))
}
