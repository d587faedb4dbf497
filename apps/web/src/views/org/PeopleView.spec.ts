import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { PersonListItem as Person } from '@/api/org/people'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { bodyText, mountView, mountViewAt } from '@/testing/mount-view'
import PeopleView from './PeopleView.vue'

const OPS = '0190a000-0000-7000-8000-0000000000d2'
const CLERK = '0190a000-0000-7000-8000-0000000000a1'

function person(n: number, extra: Partial<Person> = {}): Person {
  return {
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    employeeNo: `E${String(n).padStart(4, '0')}`,
    name: `员工${n}`,
    username: `user${n}`,
    email: null,
    mobile: null,
    mainDepartmentId: OPS,
    departmentName: '综合管理部',
    positionId: CLERK,
    positionName: '文员',
    managerId: null,
    hireDate: null,
    status: 'active',
    version: 3,
    ...extra,
  }
}

const lookups = {
  'GET /api/v1/org/departments': () =>
    jsonResponse(200, {
      items: [{ id: OPS, parentId: null, code: 'OPS', name: '综合管理部', leaderId: null, deputyId: null, sortOrder: 0, status: 'active', version: 1 }],
      total: 1,
      page: 1,
      pageSize: 200,
    }),
  'GET /api/v1/org/positions': () => jsonResponse(200, [{ id: CLERK, code: 'CLERK', name: '文员', version: 1 }]),
}

function peoplePage(request: Request) {
  const url = new URL(request.url)
  const page = Number(url.searchParams.get('page'))
  const items = page === 2 ? [person(21)] : [person(1), person(2, { status: 'disabled' })]
  return jsonResponse(200, { items, total: 21, page, pageSize: 20 })
}

/** The form and the card are chunks of their own, loaded when first opened. */
const LAZY = { timeout: 20_000 }

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const lastQuery = (server: ReturnType<typeof fakeServer>) => {
  const calls = server.callsTo('GET /api/v1/org/people')
  return new URL(calls[calls.length - 1]!.url).searchParams
}

describe('PeopleView', () => {
  it('lists a page of people with their department and position by name, and reads the lookups only after it', async () => {
    const server = fakeServer({ ...lookups, 'GET /api/v1/org/people': peoplePage })
    wrapper = mountView(PeopleView).wrapper
    await flushPromises()

    expect(lastQuery(server).get('page')).toBe('1')
    expect(lastQuery(server).get('pageSize')).toBe('20')
    const table = wrapper.get('[data-testid="people-table"]').text()
    expect(table).toContain('员工1')
    expect(table).toContain('综合管理部')
    expect(table).toContain('文员')
    expect(wrapper.get('[data-testid="people-pagination"]').text()).toContain('21')
    // The filter's and the form's departments and positions do not compete with the first page.
    const order = server.requests.map((request) => new URL(request.url).pathname)
    expect(order.indexOf('/api/v1/org/people')).toBeLessThan(order.indexOf('/api/v1/org/departments'))
    expect(order.indexOf('/api/v1/org/people')).toBeLessThan(order.indexOf('/api/v1/org/positions'))
  })

  it('searches on the server from the first page, and pages on', async () => {
    const server = fakeServer({ ...lookups, 'GET /api/v1/org/people': peoplePage })
    wrapper = mountView(PeopleView).wrapper
    await flushPromises()

    await wrapper.get('[data-testid="people-pagination"] .btn-next').trigger('click')
    await flushPromises()
    expect(lastQuery(server).get('page')).toBe('2')
    expect(wrapper.get('[data-testid="people-table"]').text()).toContain('员工21')

    await wrapper.get('input[data-testid="people-search"]').setValue('王')
    await wrapper.get('[data-testid="people-apply"]').trigger('click')
    await flushPromises()
    expect(lastQuery(server).get('search')).toBe('王')
    expect(lastQuery(server).get('page')).toBe('1')
  })

  it('shows only the buttons the person\'s permissions allow, and reads no departments without leave', async () => {
    const server = fakeServer({ 'GET /api/v1/org/people': peoplePage })
    wrapper = mountView(PeopleView, ['org:person:read']).wrapper
    await flushPromises()

    expect(server.callsTo('GET /api/v1/org/departments')).toHaveLength(0)
    expect((wrapper.get('[data-testid="person-create"]').element as HTMLElement).style.display).toBe('none')
    // A row action the person may not use is left out, so "More" folds only what is usable.
    expect(wrapper.find('[data-testid="person-edit-user1"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="people-more-user1"]').exists()).toBe(false)
    expect((wrapper.get('[data-testid="import-people"]').element as HTMLElement).style.display).toBe('none')
  })

  it('disables a person with the version it read, then reloads the list', async () => {
    const server = fakeServer({
      ...lookups,
      'GET /api/v1/org/people': peoplePage,
      'POST /api/v1/org/people/0190a000-0000-7000-8000-000000000001/disable': () => jsonResponse(200, person(1, { status: 'disabled', version: 4 })),
    })
    wrapper = mountView(PeopleView).wrapper
    await flushPromises()

    await wrapper.get('[data-testid="person-disable-user1"]').trigger('click')
    await flushPromises()

    const [call] = server.callsTo('POST /api/v1/org/people/0190a000-0000-7000-8000-000000000001/disable')
    await expect(call!.json()).resolves.toEqual({ version: 3 })
    expect(server.callsTo('GET /api/v1/org/people')).toHaveLength(2)
  })

  it('shows the server\'s field errors under the fields of the person form', async () => {
    fakeServer({
      ...lookups,
      'GET /api/v1/org/people': peoplePage,
      'PATCH /api/v1/org/people/0190a000-0000-7000-8000-000000000001': () =>
        problemResponse(400, 'Bad Request', {
          code: 'platform.validation-failed',
          detail: 'The request has invalid fields: email',
          errors: [{ field: 'email', message: 'must be an email' }],
        }),
    })
    wrapper = mountView(PeopleView).wrapper
    await flushPromises()

    await wrapper.get('[data-testid="person-edit-user1"]').trigger('click')
    const form = await vi.waitUntil(() => document.querySelector('[data-testid="person-form"]'), LAZY)
    ;(document.querySelector('[data-testid="person-save"]') as HTMLElement).click()
    await flushPromises()

    await vi.waitFor(() => expect(form.textContent).toContain('must be an email'))
  })

  it('on a version conflict keeps the edit open with the current values beside it, and saves over them on request', async () => {
    const id = '0190a000-0000-7000-8000-000000000001'
    let patches = 0
    const server = fakeServer({
      ...lookups,
      'GET /api/v1/org/people': peoplePage,
      [`GET /api/v1/org/people/${id}`]: () => jsonResponse(200, person(1, { name: '别人改的名字', version: 4 })),
      [`PATCH /api/v1/org/people/${id}`]: () =>
        ++patches === 1
          ? problemResponse(409, 'Conflict', {
              code: 'platform.version-conflict',
              detail: 'Person 0190… was changed by someone else (version 4, you sent 3).',
            })
          : jsonResponse(200, person(1, { name: '我的名字', version: 5 })),
    })
    wrapper = mountView(PeopleView).wrapper
    await flushPromises()

    await wrapper.get('[data-testid="person-edit-user1"]').trigger('click')
    const name = (await vi.waitUntil(() => document.querySelector('input[data-testid="person-name"]'), LAZY)) as HTMLInputElement
    name.value = '我的名字'
    name.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="person-save"]') as HTMLElement).click()
    await flushPromises()

    const [patch] = server.callsTo(`PATCH /api/v1/org/people/${id}`)
    await expect(patch!.json()).resolves.toMatchObject({ version: 3, name: '我的名字' })
    await vi.waitFor(() => expect(document.querySelector('[data-testid="person-form-conflict"]')?.textContent).toContain('已被其他人修改'))
    expect(name.value).toBe('我的名字')
    expect(document.querySelector('[data-testid="current-name"]')!.textContent).toContain('别人改的名字')

    ;(document.querySelector('[data-testid="person-form-keep-mine"]') as HTMLElement).click()
    await flushPromises()
    const second = server.callsTo(`PATCH /api/v1/org/people/${id}`)[1]
    await expect(second!.json()).resolves.toMatchObject({ version: 4, name: '我的名字' })
    await vi.waitFor(() => expect(bodyText()).toContain('已保存'))
    expect(server.callsTo('GET /api/v1/org/people')).toHaveLength(2)
  })

  it('names the department and position of the reader\'s own row as the server does, without reading departments or positions', async () => {
    const me = '0190a000-0000-7000-8000-000000000101'
    const server = fakeServer({
      'GET /api/v1/org/people': () =>
        jsonResponse(200, {
          items: [person(101, { id: me, username: 'sales', departmentName: '销售部', positionName: '销售代表' })],
          total: 1,
          page: 1,
          pageSize: 20,
        }),
    })
    wrapper = mountView(PeopleView, ['org:person:read']).wrapper
    await flushPromises()

    const row = wrapper.get('[data-testid="people-table"] .el-table__body-wrapper').text()
    expect(row).toContain('销售部')
    expect(row).toContain('销售代表')
    expect(server.callsTo('GET /api/v1/org/departments')).toHaveLength(0)
    expect(server.callsTo('GET /api/v1/org/positions')).toHaveLength(0)
  })

  it('opens on the department named in the address, as the department page links it', async () => {
    const server = fakeServer({ ...lookups, 'GET /api/v1/org/people': peoplePage })
    wrapper = (await mountViewAt(`/dashboard?departmentId=${OPS}`, PeopleView)).wrapper
    await flushPromises()
    expect(lastQuery(server).get('departmentId')).toBe(OPS)
    // The branch by default; unticking narrows to the department alone.
    expect(lastQuery(server).get('includeSubDepartments')).toBe('true')
    await wrapper.get('[data-testid="people-include-sub"] input').setValue(false)
    await flushPromises()
    expect(lastQuery(server).get('departmentId')).toBe(OPS)
    expect(lastQuery(server).get('includeSubDepartments')).toBe('false')
  })

  it('changes a person\'s roles through their own call when editing', async () => {
    const id = '0190a000-0000-7000-8000-000000000001'
    const server = fakeServer({
      ...lookups,
      'GET /api/v1/org/people': peoplePage,
      'GET /api/v1/org/roles': () =>
        jsonResponse(200, [
          { id: 'r1', code: 'employee', name: '员工', description: null, permissions: [], allPermissions: false, dataScope: 'self', scopeDepartmentIds: [], version: 1 },
          { id: 'r2', code: 'hr', name: '人事专员', description: null, permissions: [], allPermissions: false, dataScope: 'self', scopeDepartmentIds: [], version: 1 },
        ]),
      [`GET /api/v1/org/people/${id}/roles`]: () => jsonResponse(200, ['employee']),
      [`PATCH /api/v1/org/people/${id}`]: () => jsonResponse(200, person(1, { version: 4 })),
      [`PUT /api/v1/org/people/${id}/roles`]: () => jsonResponse(200, []),
    })
    wrapper = mountView(PeopleView, ['org:person:read', 'org:person:update', 'org:person:assign-roles', 'org:role:read']).wrapper
    await flushPromises()
    await wrapper.get('[data-testid="person-edit-user1"]').trigger('click')
    await vi.waitUntil(() => document.querySelector('[data-testid="person-roles"]'), LAZY)
    await flushPromises()

    // Unchanged roles: no call. Then remove the one role through the select's tag.
    ;(document.querySelector('[data-testid="person-save"]') as HTMLElement).click()
    await flushPromises()
    expect(server.callsTo(`PUT /api/v1/org/people/${id}/roles`)).toHaveLength(0)

    await wrapper.get('[data-testid="person-edit-user1"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="person-form"] .el-tag__close') as HTMLElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid="person-save"]') as HTMLElement).click()
    await flushPromises()
    const [put] = server.callsTo(`PUT /api/v1/org/people/${id}/roles`)
    await expect(put!.json()).resolves.toEqual({ roleCodes: [] })
  })

  it('shows a person\'s reporting lines and why the reader may see them', async () => {
    const id = '0190a000-0000-7000-8000-000000000001'
    const server = fakeServer({
      ...lookups,
      'GET /api/v1/org/people': peoplePage,
      [`GET /api/v1/org/people/${id}/leaders`]: () =>
        jsonResponse(200, [
          { level: 0, departmentId: OPS, departmentName: '综合管理部', leaderId: 'l1', leaderName: '王芳' },
          { level: 1, departmentId: 'hq', departmentName: '总部', leaderId: 'l2', leaderName: '陈建国' },
        ]),
      [`GET /api/v1/org/people/${id}/manager-chain`]: () => jsonResponse(200, [{ id: 'l1', name: '王芳', username: 'manager' }]),
      [`GET /api/v1/org/people/${id}/access`]: () =>
        jsonResponse(200, [{ roleCode: 'dept-manager', roleName: '部门经理', kind: 'department-and-below', matchedBy: 'department', departmentId: OPS }]),
    })
    wrapper = mountView(PeopleView).wrapper
    await flushPromises()

    await wrapper.get('[data-testid="person-row-user1"]').trigger('click')
    await vi.waitUntil(() => server.callsTo(`GET /api/v1/org/people/${id}/leaders`).length > 0, LAZY)

    const leaders = server.callsTo(`GET /api/v1/org/people/${id}/leaders`)
    expect(new URL(leaders[0]!.url).searchParams.get('levelsUp')).toBe('5')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="person-leaders"]')?.textContent).toContain('陈建国'))
    expect(document.querySelector('[data-testid="person-manager-chain"]')!.textContent).toContain('王芳 (manager)')
    expect(document.querySelector('[data-testid="person-access"]')!.textContent).toContain('部门经理')
    expect(document.querySelector('[data-testid="person-access"]')!.textContent).toContain('本部门及以下')
  })
})
