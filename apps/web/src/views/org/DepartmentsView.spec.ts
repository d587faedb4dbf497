import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { Department } from '@/api/org/departments'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { bodyText, mountView } from '@/testing/mount-view'
import DepartmentsView from './DepartmentsView.vue'

const id = (n: number) => `0190a000-0000-7000-8000-0000000000d${n}`

function department(n: number, parent: number | null, code: string, name: string, status: Department['status'] = 'active'): Department {
  return { id: id(n), parentId: parent === null ? null : id(parent), code, name, leaderId: null, deputyId: null, sortOrder: n, status, version: 5 }
}

const DEPARTMENTS = [
  department(1, null, 'HQ', '总部'),
  department(2, 1, 'SALES', '销售部'),
  department(3, 2, 'SALES-EAST', '华东销售组'),
  department(4, 1, 'OLD', '旧部门', 'archived'),
]

const list = () => jsonResponse(200, { items: DEPARTMENTS, total: DEPARTMENTS.length, page: 1, pageSize: 200 })

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function openAt(code: string, routes: Parameters<typeof fakeServer>[0] = {}) {
  const server = fakeServer({ 'GET /api/v1/org/departments': list, ...routes })
  wrapper = mountView(DepartmentsView).wrapper
  await flushPromises()
  await wrapper.get(`[data-testid="department-node-${code}"]`).trigger('click')
  await flushPromises()
  return { server, wrapper }
}

describe('DepartmentsView', () => {
  it('shows the departments as a tree, archived ones only on request', async () => {
    fakeServer({ 'GET /api/v1/org/departments': list })
    wrapper = mountView(DepartmentsView).wrapper
    await flushPromises()

    const tree = wrapper.get('[data-testid="department-tree"]')
    expect(tree.find('[data-testid="department-node-SALES-EAST"]').exists()).toBe(true)
    expect(tree.find('[data-testid="department-node-OLD"]').exists()).toBe(false)

    await wrapper.get('[data-testid="show-archived"]').trigger('click')
    await flushPromises()
    expect(tree.find('[data-testid="department-node-OLD"]').exists()).toBe(true)
  })

  it('shows where a picked department sits', async () => {
    const { wrapper } = await openAt('SALES-EAST')
    expect(wrapper.get('[data-testid="department-detail"]').text()).toContain('总部 / 销售部 / 华东销售组')
  })

  it('moving a department below itself shows the server\'s cycle error under the picker', async () => {
    const { server } = await openAt('SALES', {
      [`POST /api/v1/org/departments/${id(2)}/move`]: () =>
        problemResponse(422, 'Unprocessable Entity', {
          code: 'org.department-cycle',
          detail: 'A department cannot be moved under itself or under one of its own sub-departments.',
          errors: [{ field: 'parentId', message: 'is the department itself or lies below it' }],
        }),
    })
    wrapper!.get('[data-testid="department-move"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="move-target-SALES-EAST"]') as HTMLElement).click()
    await flushPromises()
    ;(document.querySelector('[data-testid="move-save"]') as HTMLElement).click()
    await flushPromises()

    const [call] = server.callsTo(`POST /api/v1/org/departments/${id(2)}/move`)
    await expect(call!.json()).resolves.toEqual({ version: 5, parentId: id(3) })
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="move-form"]')!.textContent).toContain('is the department itself or lies below it'),
    )
  })

  it('renames with the version it read', async () => {
    const { server } = await openAt('SALES', {
      [`PATCH /api/v1/org/departments/${id(2)}`]: () => jsonResponse(200, { ...DEPARTMENTS[1], name: '销售中心', version: 6 }),
    })
    wrapper!.get('[data-testid="department-edit"]').trigger('click')
    await flushPromises()
    const name = document.querySelector('input[data-testid="department-name"]') as HTMLInputElement
    name.value = '销售中心'
    name.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="department-save"]') as HTMLElement).click()
    await flushPromises()

    const [call] = server.callsTo(`PATCH /api/v1/org/departments/${id(2)}`)
    await expect(call!.json()).resolves.toMatchObject({ version: 5, name: '销售中心', code: 'SALES' })
    expect(server.callsTo('GET /api/v1/org/departments')).toHaveLength(2)
  })

  it('archives after confirmation and says whether it was archived or deleted', async () => {
    const { server } = await openAt('SALES-EAST', {
      [`DELETE /api/v1/org/departments/${id(3)}`]: () => jsonResponse(200, { outcome: 'archived' }),
    })
    wrapper!.get('[data-testid="department-archive"]').trigger('click')
    await flushPromises()
    const confirm = [...document.querySelectorAll('.el-message-box__btns button')].find((b) => b.textContent?.includes('归档'))
    ;(confirm as HTMLElement).click()
    await vi.waitFor(() => expect(server.callsTo(`DELETE /api/v1/org/departments/${id(3)}`)).toHaveLength(1))
    await vi.waitFor(() => expect(bodyText()).toContain('部门已归档'))
  })

  it('hides the changing buttons from a reader', async () => {
    fakeServer({ 'GET /api/v1/org/departments': list })
    wrapper = mountView(DepartmentsView, ['org:department:read']).wrapper
    await flushPromises()
    await wrapper.get('[data-testid="department-node-SALES"]').trigger('click')
    await flushPromises()
    for (const button of ['department-create', 'department-edit', 'department-move', 'department-archive']) {
      expect((wrapper.get(`[data-testid="${button}"]`).element as HTMLElement).style.display).toBe('none')
    }
  })
})
