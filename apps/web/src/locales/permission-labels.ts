import { declaredPermissions } from '@zhongshu/contracts'
import type { AppLocale } from './index'

// The catalogue every context declares in libs/contracts, with both labels: the
// same source the server's roles screen answers from, readable without asking it
// (the audit log's reader need not be allowed to read roles).
const LABELS = new Map(declaredPermissions().map((permission) => [permission.code as string, permission.label]))

/** The name of a permission in `locale`, or null for a string that is no declared code. */
export function permissionLabel(code: string, locale: AppLocale): string | null {
  return LABELS.get(code)?.[locale] ?? null
}
