import type { components, operations } from '../schema'
import { aborting, api, dataOf } from '../request'
import { contentTypeOf } from '../org/transfer'

type Schemas = components['schemas']
export type Customer = Schemas['CustomerDto']
export type CustomerPage = Schemas['CustomerPageDto']
export type CustomerQuery = NonNullable<operations['Customers_list']['parameters']['query']>
export type PoolQuery = NonNullable<operations['Pool_list']['parameters']['query']>
export type CreateCustomer = Schemas['CreateCustomerDto']
export type UpdateCustomer = Schemas['UpdateCustomerDto']
export type DuplicateCheck = Schemas['DuplicateCheckDto']
export type DuplicateResult = Schemas['DuplicateResultDto']
export type DuplicateMatch = Schemas['DuplicateMatchDto']
export type TimelinePage = Schemas['TimelinePageDto']
export type TimelineEntry = Schemas['TimelineEntryDto']
export type FollowUp = Schemas['FollowUpDto']
export type CreateFollowUp = Schemas['CreateFollowUpDto']
export type Contact = Schemas['ContactDto']
export type ContactPage = Schemas['ContactPageDto']
export type ContactQuery = NonNullable<operations['Contacts_list']['parameters']['query']>
export type CreateContact = Schemas['CreateContactDto']
export type Lead = Schemas['LeadDto']
export type LeadPage = Schemas['LeadPageDto']
export type LeadQuery = NonNullable<operations['Leads_list']['parameters']['query']>
export type CreateLead = Schemas['CreateLeadDto']
export type ConvertLead = Schemas['ConvertLeadDto']
export type Conversion = Schemas['ConversionDto']
export type Opportunity = Schemas['OpportunityDto']
export type OpportunityDetail = Schemas['OpportunityDetailDto']
export type OpportunityPage = Schemas['OpportunityPageDto']
export type OpportunityQuery = NonNullable<operations['Opportunities_list']['parameters']['query']>
export type CreateOpportunity = Schemas['CreateOpportunityDto']
export type Pipeline = Schemas['PipelineDto']
export type Board = Schemas['BoardDto']
export type BoardColumn = Schemas['BoardColumnDto']
export type PoolSettings = Schemas['PoolSettingsDto']

const path = (id: string) => ({ params: { path: { id } } })

export async function listCustomers(query: CustomerQuery, signal?: AbortSignal): Promise<CustomerPage> {
  return dataOf(await api.GET('/api/v1/crm/customers', { params: { query }, ...aborting(signal) }))
}
export async function fetchCustomer(id: string): Promise<Customer> {
  return dataOf(await api.GET('/api/v1/crm/customers/{id}', path(id)))
}
export async function createCustomer(body: CreateCustomer): Promise<Customer> {
  return dataOf(await api.POST('/api/v1/crm/customers', { body }))
}
export async function updateCustomer(id: string, body: UpdateCustomer): Promise<Customer> {
  return dataOf(await api.PATCH('/api/v1/crm/customers/{id}', { ...path(id), body }))
}
/** The customers a form's values may duplicate, before saving. */
export async function findDuplicates(body: DuplicateCheck, signal?: AbortSignal): Promise<DuplicateResult> {
  return dataOf(await api.POST('/api/v1/crm/customers/duplicates', { body, ...aborting(signal) }))
}
export async function transferCustomer(id: string, body: Schemas['TransferCustomerDto']): Promise<Customer> {
  return dataOf(await api.POST('/api/v1/crm/customers/{id}/transfer', { ...path(id), body }))
}
export async function returnToPool(id: string, body: Schemas['ReturnToPoolDto']): Promise<Customer> {
  return dataOf(await api.POST('/api/v1/crm/customers/{id}/return-to-pool', { ...path(id), body }))
}
export async function mergePreview(id: string, mergedId: string): Promise<Schemas['MergePreviewDto']> {
  return dataOf(await api.GET('/api/v1/crm/customers/{id}/merge-preview', { params: { path: { id }, query: { mergedId } } }))
}
export async function mergeCustomer(id: string, body: Schemas['MergeCustomerDto']): Promise<Customer> {
  return dataOf(await api.POST('/api/v1/crm/customers/{id}/merge', { ...path(id), body }))
}
export async function fetchTimeline(id: string, after?: string): Promise<TimelinePage> {
  return dataOf(await api.GET('/api/v1/crm/customers/{id}/timeline', { params: { path: { id }, query: { pageSize: 30, ...(after ? { after } : {}) } } }))
}
export async function fetchFollowUps(id: string): Promise<FollowUp[]> {
  return dataOf(await api.GET('/api/v1/crm/customers/{id}/follow-ups', path(id)))
}
export async function createFollowUp(body: CreateFollowUp): Promise<FollowUp> {
  return dataOf(await api.POST('/api/v1/crm/follow-ups', { body }))
}

export async function listPool(query: PoolQuery, signal?: AbortSignal): Promise<CustomerPage> {
  return dataOf(await api.GET('/api/v1/crm/pool', { params: { query }, ...aborting(signal) }))
}
export async function claimCustomer(id: string): Promise<Customer> {
  return dataOf(await api.POST('/api/v1/crm/pool/{id}/claim', path(id)))
}
export async function fetchPoolSettings(): Promise<PoolSettings> {
  return dataOf(await api.GET('/api/v1/crm/pool/settings'))
}
export async function savePoolSettings(body: PoolSettings): Promise<PoolSettings> {
  return dataOf(await api.PUT('/api/v1/crm/pool/settings', { body }))
}

export async function listContacts(query: ContactQuery, signal?: AbortSignal): Promise<ContactPage> {
  return dataOf(await api.GET('/api/v1/crm/contacts', { params: { query }, ...aborting(signal) }))
}
export async function createContact(body: CreateContact): Promise<Contact> {
  return dataOf(await api.POST('/api/v1/crm/contacts', { body }))
}

export async function listLeads(query: LeadQuery, signal?: AbortSignal): Promise<LeadPage> {
  return dataOf(await api.GET('/api/v1/crm/leads', { params: { query }, ...aborting(signal) }))
}
export async function fetchLead(id: string): Promise<Lead> {
  return dataOf(await api.GET('/api/v1/crm/leads/{id}', path(id)))
}
export async function createLead(body: CreateLead): Promise<Lead> {
  return dataOf(await api.POST('/api/v1/crm/leads', { body }))
}
export async function leadMatches(id: string): Promise<DuplicateResult> {
  return dataOf(await api.GET('/api/v1/crm/leads/{id}/matches', path(id)))
}
export async function convertLead(id: string, body: ConvertLead): Promise<Conversion> {
  return dataOf(await api.POST('/api/v1/crm/leads/{id}/convert', { ...path(id), body }))
}
export async function closeLead(id: string, body: Schemas['CloseLeadDto']): Promise<Lead> {
  return dataOf(await api.POST('/api/v1/crm/leads/{id}/close', { ...path(id), body }))
}
export async function assignLeads(body: Schemas['AssignLeadsDto']): Promise<Schemas['AssignmentResultDto']> {
  return dataOf(await api.POST('/api/v1/crm/leads/assign', { body }))
}
export async function distributeLeads(body: Schemas['DistributeLeadsDto']): Promise<Schemas['AssignmentResultDto']> {
  return dataOf(await api.POST('/api/v1/crm/leads/distribute', { body }))
}
/** All rows or none: a bad row rejects with a 422 naming each row and column. */
export async function importLeads(file: File): Promise<Schemas['LeadImportResultDto']> {
  return dataOf(
    await api.POST('/api/v1/crm/leads/import', {
      body: file as never,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': contentTypeOf(file) ?? 'application/octet-stream' },
    }),
  )
}

export async function listOpportunities(query: OpportunityQuery, signal?: AbortSignal): Promise<OpportunityPage> {
  return dataOf(await api.GET('/api/v1/crm/opportunities', { params: { query }, ...aborting(signal) }))
}
export async function fetchOpportunity(id: string): Promise<OpportunityDetail> {
  return dataOf(await api.GET('/api/v1/crm/opportunities/{id}', path(id)))
}
export async function createOpportunity(body: CreateOpportunity): Promise<OpportunityDetail> {
  return dataOf(await api.POST('/api/v1/crm/opportunities', { body }))
}
export async function moveOpportunity(id: string, body: Schemas['MoveStageDto']): Promise<OpportunityDetail> {
  return dataOf(await api.POST('/api/v1/crm/opportunities/{id}/stage', { ...path(id), body }))
}
export async function winOpportunity(id: string, body: Schemas['CloseOpportunityDto']): Promise<OpportunityDetail> {
  return dataOf(await api.POST('/api/v1/crm/opportunities/{id}/win', { ...path(id), body }))
}
export async function loseOpportunity(id: string, body: Schemas['CloseOpportunityDto']): Promise<OpportunityDetail> {
  return dataOf(await api.POST('/api/v1/crm/opportunities/{id}/lose', { ...path(id), body }))
}
export async function listPipelines(): Promise<Pipeline[]> {
  return dataOf(await api.GET('/api/v1/crm/pipelines'))
}
export async function fetchBoard(id: string, query: NonNullable<operations['Pipelines_board']['parameters']['query']> = {}): Promise<Board> {
  return dataOf(await api.GET('/api/v1/crm/pipelines/{id}/board', { params: { path: { id }, query } }))
}
