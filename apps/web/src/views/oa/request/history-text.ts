import type { HistoryEntry, RouteNode } from '@/api/oa/requests'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** Names of the people an entry's detail names, in the order it lists them. */
function namesOf(entry: HistoryEntry, ids: unknown): string {
  const list = Array.isArray(ids) ? ids : typeof ids === 'string' ? [ids] : []
  return list.map((id) => entry.people.find((person) => person.id === id)?.name ?? String(id)).join('、')
}

/**
 * One history entry as a line: who (and for whom: "B 代 A"), what they did, and what
 * else the entry says (to whom a task moved, whom it copied, where it was returned,
 * why something happened on its own).
 */
export function describeEntry(entry: HistoryEntry, route: readonly RouteNode[], t: Translate): { who: string; what: string; extra: string } {
  const who = entry.actor ? (entry.onBehalfOf && entry.onBehalfOf.id !== entry.actor.id ? `${entry.actor.name}（${t('oaRequest.history.onBehalfOf', { name: entry.onBehalfOf.name })}）` : entry.actor.name) : t('oaRequest.history.system')
  const what = t(`oaRequest.history.${entry.action}`)
  const detail = entry.detail
  let extra = ''
  switch (entry.action) {
    case 'transfer':
    case 'move':
      extra = t('oaRequest.history.movedTo', { from: namesOf(entry, detail.fromId), to: namesOf(entry, detail.toId) })
      if (detail.reason === 'delegation' || detail.reason === 'left') extra += `（${t(`oaRequest.history.reasons.${detail.reason}`)}）`
      break
    case 'cc':
      extra = t('oaRequest.history.to', { names: namesOf(entry, detail.recipientIds) })
      break
    case 'urge':
      extra = detail.assigneeIds ? t('oaRequest.history.to', { names: namesOf(entry, detail.assigneeIds) }) : ''
      break
    case 'add-approver':
      extra = t(detail.position === 'after' ? 'oaRequest.history.addedAfter' : 'oaRequest.history.addedBefore', { names: namesOf(entry, detail.personIds) })
      break
    case 'return': {
      const target = typeof detail.toNodeId === 'string' ? route.find((node) => node.nodeId === detail.toNodeId)?.name ?? detail.toNodeId : null
      extra = target ? t('oaRequest.history.returnedTo', { name: target }) : t('oaRequest.history.returnedToApplicant')
      break
    }
    case 'auto-approve':
    case 'skip':
      extra = typeof detail.reason === 'string' ? t(`oaRequest.history.reasons.${detail.reason}`) : ''
      break
    case 'escalate':
      extra = typeof detail.policy === 'string' ? detail.policy : ''
      break
    case 'remind':
      extra = typeof detail.reminder === 'number' && typeof detail.of === 'number' ? `${detail.reminder}/${detail.of}` : ''
      break
  }
  return { who, what, extra }
}

/** The colour of an entry's dot. */
export function entryTone(action: string): 'success' | 'danger' | 'warning' | 'primary' | 'info' {
  if (action === 'approve' || action === 'auto-approve') return 'success'
  if (action === 'reject' || action === 'cancel') return 'danger'
  if (action === 'return' || action === 'withdraw' || action === 'urge' || action === 'escalate') return 'warning'
  if (action === 'submit' || action === 'resubmit') return 'primary'
  return 'info'
}
