import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'

export type Contract = components['schemas']['ContractDto']
export type ContractDetail = components['schemas']['ContractDetailDto']
export type ContractPage = components['schemas']['ContractPageDto']
export type ContractQuery = NonNullable<operations['Contracts_list']['parameters']['query']>
export type CreateContract = components['schemas']['CreateContractDto']
export type UpdateContract = components['schemas']['UpdateContractDto']
export type ContractStatus = Contract['status']
export type DealThread = components['schemas']['DealThreadDto']
export type DealStep = components['schemas']['DealStepDto']

export const CONTRACT_STATUSES: readonly ContractStatus[] = ['draft', 'under_approval', 'active', 'needs_revision', 'completed', 'terminated']

export const CONTRACT_TAG: Record<ContractStatus, 'info' | 'warning' | 'success' | 'danger' | 'primary'> = {
  draft: 'info',
  under_approval: 'warning',
  active: 'success',
  needs_revision: 'danger',
  completed: 'primary',
  terminated: 'info',
}

export async function listContracts(query: ContractQuery = {}, signal?: AbortSignal): Promise<ContractPage> {
  return dataOf(await api.GET('/api/v1/crm/contracts', { params: { query }, ...aborting(signal) }))
}

export async function fetchContract(id: string): Promise<ContractDetail> {
  return dataOf(await api.GET('/api/v1/crm/contracts/{id}', { params: { path: { id } } }))
}

export async function createContract(body: CreateContract): Promise<ContractDetail> {
  return dataOf(await api.POST('/api/v1/crm/contracts', { body }))
}

export async function updateContract(id: string, body: UpdateContract): Promise<ContractDetail> {
  return dataOf(await api.PATCH('/api/v1/crm/contracts/{id}', { params: { path: { id } }, body }))
}

export async function signContract(id: string, version: number): Promise<ContractDetail> {
  return dataOf(await api.POST('/api/v1/crm/contracts/{id}/sign', { params: { path: { id } }, body: { version } }))
}

export async function fetchDealThread(contractId: string): Promise<DealThread> {
  return dataOf(await api.GET('/api/v1/deals/{contractId}/thread', { params: { path: { contractId } } }))
}
