import { shallowRef } from 'vue'
import { fetchCatalogue } from '@/api/oa/requests'
import { listRequestTypes } from '@/api/oa/request-types'
import { i18n } from '@/locales'
import { choiceFilter, dateRangeFilter, personFilter, textFilter } from '@/components/list/filters'
import { useUserStore } from '@/stores/user'
import { REQUEST_STATUSES, type InboxBox } from './inbox-query'

/**
 * The request types a person can filter by: every type for those who may read the
 * types (archived ones still have requests), else the catalogue they start from.
 */
export function useRequestTypeChoices() {
  const user = useUserStore()
  const types = shallowRef<Array<{ id: string; name: string }>>([])
  async function load(): Promise<void> {
    try {
      types.value = user.can('oa:request-type:read') ? (await listRequestTypes({ pageSize: 1000 })).items : await fetchCatalogue()
    } catch {
      // The filter then offers nothing; the list itself still loads and shows its own errors.
      types.value = []
    }
  }
  return { types, load }
}

/** The filter bar of one box: search, type, status (not for to-do: all running), applicant (not for mine), submitted dates. */
export function inboxFilterDefs(box: InboxBox, types: () => ReadonlyArray<{ id: string; name: string }>) {
  const { t } = i18n.global
  return {
    search: textFilter({ label: 'oaInbox.search', testId: 'inbox-search', primary: true, width: 200 }),
    requestTypeId: choiceFilter(() => types().map((type) => ({ value: type.id, label: type.name })), {
      label: 'oaInbox.requestType',
      testId: 'inbox-type',
      width: 150,
    }),
    status: choiceFilter(() => REQUEST_STATUSES.map((status) => ({ value: status, label: t(`oaStatus.${status}`) })), {
      label: 'oaInbox.status',
      testId: 'inbox-status',
      width: 120,
      visible: () => box !== 'todo',
    }),
    applicantId: personFilter({ label: 'oaInbox.applicant', testId: 'inbox-applicant', width: 160, visible: () => box !== 'mine' }),
    submitted: dateRangeFilter({ label: 'oaInbox.submittedFrom', endLabel: 'oaInbox.submittedTo', testId: 'inbox-submitted', width: 260 }),
  }
}
