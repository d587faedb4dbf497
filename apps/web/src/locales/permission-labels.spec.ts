import { describe, expect, it } from 'vitest'
import { permissionLabel } from './permission-labels'

describe('permissionLabel', () => {
  it('names a declared code in either language, and nothing else', () => {
    expect(permissionLabel('org:person:update', 'zh-CN')).toBe('编辑人员')
    expect(permissionLabel('org:person:update', 'en')).toBe('Edit people')
    expect(permissionLabel('platform:audit:read', 'en')).toBe('View the audit log')
    expect(permissionLabel('event:erp.open-sales-order', 'zh-CN')).toBeNull()
  })
})
