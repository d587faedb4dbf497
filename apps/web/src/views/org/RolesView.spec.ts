import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Role } from '@/api/org/roles'
import { i18n } from '@/locales'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { mountView } from '@/testing/mount-view'
import RolesView from './RolesView.vue'

const hr: Role = {
  id: '0190a000-0000-7000-8000-0000000000e1',
  code: 'hr',
  name: '人事专员',
  description: null,
  permissions: ['org:person:read'],
  allPermissions: false,
  dataScope: 'chosen-departments',
  scopeDepartmentIds: ['0190a000-0000-7000-8000-0000000000d2'],
  version: 2,
}

const catalogue = [
  { code: 'org:person:read', context: 'org', label: { zhCN: '查看人员', en: 'View people' } },
  { code: 'org:person:update', context: 'org', label: { zhCN: '编辑人员', en: 'Edit people' } },
  { code: 'platform:audit:read', context: 'platform', label: { zhCN: '查看审计日志', en: 'View the audit log' } },
]

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('RolesView', () => {
  it('lists roles with their data scope, and saves a role\'s permission codes with its version', async () => {
    const server = fakeServer({
      'GET /api/v1/org/roles': () => jsonResponse(200, [hr]),
      'GET /api/v1/org/permissions': () => jsonResponse(200, catalogue),
      'GET /api/v1/org/departments': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }),
      'GET /api/v1/org/positions': () => jsonResponse(200, []),
      [`PATCH /api/v1/org/roles/${hr.id}`]: () => jsonResponse(200, { ...hr, version: 3 }),
    })
    wrapper = mountView(RolesView).wrapper
    await flushPromises()
    expect(wrapper.get('[data-testid="roles-table"]').text()).toContain('指定部门')

    await wrapper.get('[data-testid="role-edit-hr"]').trigger('click')
    await flushPromises()
    const update = [...document.querySelectorAll('[data-testid="role-permissions"] label')].find((label) =>
      label.textContent?.includes('编辑人员'),
    ) as HTMLElement
    update.click()
    await flushPromises()
    ;(document.querySelector('[data-testid="role-save"]') as HTMLElement).click()
    await flushPromises()

    const [call] = server.callsTo(`PATCH /api/v1/org/roles/${hr.id}`)
    await expect(call!.json()).resolves.toEqual({
      version: 2,
      name: '人事专员',
      description: '',
      permissions: ['org:person:read', 'org:person:update'],
      dataScope: 'chosen-departments',
      scopeDepartmentIds: hr.scopeDepartmentIds,
    })
  })

  it('shows the catalogue grouped by context with labels in the current language, codes beside them', async () => {
    fakeServer({
      'GET /api/v1/org/roles': () => jsonResponse(200, [hr]),
      'GET /api/v1/org/permissions': () => jsonResponse(200, catalogue),
      'GET /api/v1/org/departments': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }),
      'GET /api/v1/org/positions': () => jsonResponse(200, []),
    })
    i18n.global.locale.value = 'en'
    wrapper = mountView(RolesView).wrapper
    await flushPromises()
    // One permission, in English: the plural form is chosen by the count.
    expect(wrapper.get('[data-testid="roles-table"]').text()).toContain('1 permission')
    expect(wrapper.get('[data-testid="roles-table"]').text()).not.toContain('1 permissions')

    await wrapper.get('[data-testid="role-edit-hr"]').trigger('click')
    await flushPromises()
    const org = document.querySelector('[data-testid="role-permission-group-org"]')!
    expect(org.querySelector('legend')!.textContent).toBe('Organisation')
    expect(org.textContent).toContain('View people')
    expect(org.textContent).toContain('org:person:read')
    expect(org.textContent).not.toContain('View the audit log')
    expect(document.querySelector('[data-testid="role-permission-group-platform"]')!.textContent).toContain('View the audit log')
  })
})
