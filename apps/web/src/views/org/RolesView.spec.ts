import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Role } from '@/api/org/roles'
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

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('RolesView', () => {
  it('lists roles with their data scope, and saves a role\'s permission codes with its version', async () => {
    const server = fakeServer({
      'GET /api/v1/org/roles': () => jsonResponse(200, [hr]),
      'GET /api/v1/org/permissions': () => jsonResponse(
          200,
          ['org:person:read', 'org:person:update', 'platform:audit:read'].map((code) => ({ code, context: code.split(':')[0], label: { zhCN: code, en: code } })),
        ),
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
      label.textContent?.includes('org:person:update'),
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
})
