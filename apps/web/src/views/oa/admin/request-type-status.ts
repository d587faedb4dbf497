import { i18n } from '@/locales'
import type { RequestTypeSummary } from '@/api/oa/request-types'

/** How a type's state reads: 草稿, 已发布 v3, 已归档. */
export function statusText(type: Pick<RequestTypeSummary, 'status' | 'publishedVersion'>): string {
  const { t } = i18n.global
  if (type.status === 'published') return t('oaAdmin.statuses.published', { n: type.publishedVersion ?? 1 })
  return t(`oaAdmin.statuses.${type.status}`)
}

export function statusTagType(type: Pick<RequestTypeSummary, 'status'>): 'success' | 'info' | 'warning' {
  if (type.status === 'published') return 'success'
  return type.status === 'archived' ? 'info' : 'warning'
}
