import type { RouteLocationRaw } from 'vue-router'
import type { PermissionCode } from '@zhongshu/contracts'

/**
 * Requests filed from a form of their own rather than a designed one (报销: lines,
 * receipts, a rate per currency). Their request types are bound to a business type and
 * offered to nobody in the catalogue, so the catalogue page lists them from here, for
 * whoever holds the permission their form needs.
 */
export interface OwnForm {
  code: string
  permission: PermissionCode
  to: RouteLocationRaw
  icon: string
  nameKey: string
  categoryKey: string
  descriptionKey: string
}

export const OWN_FORMS: readonly OwnForm[] = [
  {
    code: 'expense',
    permission: 'oa:expense:submit',
    to: { name: 'oa-expense-new' },
    icon: 'Money',
    nameKey: 'oaExpense.catalogueName',
    categoryKey: 'oaExpense.catalogueCategory',
    descriptionKey: 'oaExpense.catalogueDescription',
  },
]
