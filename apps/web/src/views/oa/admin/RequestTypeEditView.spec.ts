import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { availabilityOf, type RequestType } from '@/api/oa/request-types'
import { vAccess } from '@/directives/access'
import { useUserStore } from '@/stores/user'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { blankRouter, testApp } from '@/testing/plugins'
import RequestTypeEditView from './RequestTypeEditView.vue'
import RequestTypesView from './RequestTypesView.vue'

const ID = '0190a000-0000-7000-8000-00000000aa01'
const ADMIN = '0190a000-0000-7000-8000-000000000101'

function vehicle(extra: Partial<RequestType> = {}): RequestType {
  return {
    id: ID,
    code: 'vehicle',
    name: '用车申请',
    category: '行政',
    icon: 'Van',
    description: null,
    audience: { kind: 'everyone' },
    form: { fields: [{ key: 'distance', label: '距离', type: 'number', unit: '公里' }] },
    process: {
      start: {
        id: 'start',
        type: 'start',
        name: '发起人',
        next: { id: 'leader', type: 'approval', name: '部门负责人', approvers: { kind: 'department-leader', levelsUp: 0 }, mode: 'sequential', whenEmpty: 'admin', next: null },
      },
      settings: { adminId: ADMIN, autoApproveApplicant: false, autoApproveRepeated: true },
    },
    version: 4,
    publishedVersion: null,
    status: 'draft',
    updatedAt: '2026-11-30T08:00:00Z',
    ...extra,
  }
}

/** What the server answers for a type: its availability, and `active` until archived. */
function wireOf(type: RequestType) {
  const { audience, status, ...rest } = type
  return { ...rest, availableTo: availabilityOf(audience), status: status === 'archived' ? 'archived' : 'active' }
}

const lookups = {
  'GET /api/v1/org/roles': () => jsonResponse(200, []),
  'GET /api/v1/org/positions': () => jsonResponse(200, []),
  'GET /api/v1/org/departments': () => jsonResponse(200, { items: [], total: 0, page: 1, pageSize: 200 }),
  [`GET /api/v1/org/people/${ADMIN}`]: () => jsonResponse(200, { id: ADMIN, name: '王芳', employeeNo: 'E1' }),
}

const Blank = defineComponent({ render: () => null })
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

async function mountAt(path: string, view: typeof RequestTypeEditView | typeof RequestTypesView, permissions = ['oa:request-type:manage', 'oa:request-type:read', 'org:role:read']) {
  const router = blankRouter([
    { path: '/oa/admin/request-types', name: 'oa-request-types', component: Blank },
    { path: '/oa/admin/request-types/:id', name: 'oa-request-type', component: Blank },
  ])
  const app = testApp(router)
  await router.push(path)
  useUserStore().applyAccess({ permissions, menus: [] })
  wrapper = mount(view, { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
  await flushPromises()
  return { router }
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
async function click(id: string): Promise<void> {
  const element = byTestId(id)
  if (element === null) throw new Error(`no ${id}`)
  element.click()
  await flushPromises()
}
async function type(id: string, text: string): Promise<void> {
  const root = byTestId(id)!
  const input = root instanceof HTMLInputElement ? root : root.querySelector('input')!
  input.value = text
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('RequestTypesView, the list', () => {
  it('lists types with their state and creates one, then opens its designers', async () => {
    const row = (extra: Partial<RequestType>) => {
      const { form: _form, process: _process, description: _description, availableTo: _availableTo, ...summary } = wireOf(vehicle(extra))
      return summary
    }
    const server = fakeServer({
      'GET /api/v1/oa/request-types': () =>
        jsonResponse(200, [row({}), row({ id: 'b', code: 'leave', name: '请假', status: 'published', publishedVersion: 3 }), row({ id: 'c', code: 'old', name: '旧', status: 'archived', publishedVersion: 1 })]),
      'POST /api/v1/oa/request-types': () => jsonResponse(201, wireOf(vehicle({ id: 'new-id', code: 'travel', name: '出差' }))),
    })
    const { router } = await mountAt('/oa/admin/request-types', RequestTypesView)
    expect(byTestId('request-type-status-vehicle')?.textContent).toBe('草稿')
    expect(byTestId('request-type-status-leave')?.textContent).toBe('已发布 v3')
    expect(byTestId('request-type-status-old')?.textContent).toBe('已归档')

    await click('request-type-create')
    await type('request-type-name', '出差')
    await type('request-type-code', 'travel')
    wrapper!.findAllComponents({ name: 'ElSelect' }).at(-1)!.vm.$emit('update:modelValue', '行政')
    await click('request-type-icon-Suitcase')
    await click('request-type-save')
    expect(await server.callsTo('POST /api/v1/oa/request-types')[0]!.json()).toEqual({ name: '出差', code: 'travel', category: '行政', icon: 'Suitcase' })
    expect(router.currentRoute.value.fullPath).toBe('/oa/admin/request-types/new-id')
  })

  it('hides creating from a reader', async () => {
    fakeServer({ 'GET /api/v1/oa/request-types': () => jsonResponse(200, []) })
    await mountAt('/oa/admin/request-types', RequestTypesView, ['oa:request-type:read'])
    expect(byTestId('request-type-create')?.style.display).toBe('none')
  })
})

describe('RequestTypeEditView, the designers', () => {
  it('saves the draft with the version it read', async () => {
    const server = fakeServer({
      ...lookups,
      [`GET /api/v1/oa/request-types/${ID}`]: () => jsonResponse(200, wireOf(vehicle())),
      [`PATCH /api/v1/oa/request-types/${ID}`]: async (request) => jsonResponse(200, { ...wireOf(vehicle()), ...(await request.json()), version: 5 }),
    })
    await mountAt(`/oa/admin/request-types/${ID}`, RequestTypeEditView)
    expect(byTestId('request-type-title')?.textContent).toBe('用车申请')
    await click('palette-text')
    expect(byTestId('request-type-dirty')).not.toBeNull()
    await click('request-type-save-draft')
    const body = await server.callsTo(`PATCH /api/v1/oa/request-types/${ID}`)[0]!.json()
    expect(body).toMatchObject({ version: 4, name: '用车申请', availableTo: { everyone: true, departmentIds: [], roleCodes: [] } })
    expect(body.form.fields.map((field: { key: string }) => field.key)).toEqual(['distance', 'danHangWenBen'])
    expect(byTestId('request-type-dirty')).toBeNull()
  })

  it('keeps the design on a 409 and offers the current version or saving over it', async () => {
    let current = vehicle()
    const server = fakeServer({
      ...lookups,
      [`GET /api/v1/oa/request-types/${ID}`]: () => jsonResponse(200, wireOf(current)),
      [`PATCH /api/v1/oa/request-types/${ID}`]: async (request) => {
        const body = await request.json()
        return body.version === 6 ? jsonResponse(200, { ...wireOf(current), ...body, version: 7 }) : problemResponse(409, 'Conflict', { code: 'platform.version-conflict' })
      },
    })
    await mountAt(`/oa/admin/request-types/${ID}`, RequestTypeEditView)
    // Someone else saves version 6 meanwhile.
    current = vehicle({ name: '用车（他人改过）', version: 6 })
    await click('palette-money')
    await click('request-type-save-draft')
    expect(byTestId('request-type-conflict')).not.toBeNull()
    // The design on screen is still the person's.
    expect(byTestId('form-field-jinE')).not.toBeNull()
    await click('request-type-keep-mine')
    const saves = server.callsTo(`PATCH /api/v1/oa/request-types/${ID}`)
    expect(saves).toHaveLength(2)
    expect((await saves[1]!.json()).version).toBe(6)
    expect(byTestId('request-type-conflict')).toBeNull()
    expect(byTestId('form-field-jinE')).not.toBeNull()
  })

  it('reloads the current version when the person chooses theirs', async () => {
    let current = vehicle()
    fakeServer({
      ...lookups,
      [`GET /api/v1/oa/request-types/${ID}`]: () => jsonResponse(200, wireOf(current)),
      [`PATCH /api/v1/oa/request-types/${ID}`]: () => problemResponse(409, 'Conflict', { code: 'platform.version-conflict' }),
    })
    await mountAt(`/oa/admin/request-types/${ID}`, RequestTypeEditView)
    current = vehicle({ name: '用车（他人改过）', version: 6 })
    await click('palette-money')
    await click('request-type-save-draft')
    await click('request-type-reload')
    expect(byTestId('request-type-title')?.textContent).toBe('用车（他人改过）')
    expect(byTestId('form-field-jinE')).toBeNull()
  })

  it('publishes, and shows a refused publish on the nodes and fields it names', async () => {
    let refuse = true
    fakeServer({
      ...lookups,
      [`GET /api/v1/oa/request-types/${ID}`]: () => jsonResponse(200, wireOf(vehicle())),
      [`POST /api/v1/oa/request-types/${ID}/publish`]: () =>
        refuse
          ? problemResponse(422, 'Unprocessable', {
              errors: [
                { field: 'process.leader', message: '部门负责人规则在此公司找不到人' },
                { field: 'form.distance', message: 'min is more than max' },
              ],
            })
          : jsonResponse(200, wireOf(vehicle({ status: 'published', publishedVersion: 1, version: 5 }))),
    })
    await mountAt(`/oa/admin/request-types/${ID}`, RequestTypeEditView)
    await click('request-type-publish')
    // The first tab with errors opens: the form.
    expect(byTestId('form-error-distance')?.textContent?.trim()).toBe('min is more than max')
    expect(byTestId('tab-process')?.textContent).toContain('1')
    await click('tab-process')
    expect(byTestId('process-node-leader')?.classList.contains('flow-card--invalid')).toBe(true)
    expect(byTestId('process-error-leader')?.textContent).toBe('部门负责人规则在此公司找不到人')

    refuse = false
    await click('request-type-publish')
    expect(byTestId('request-type-status')?.textContent).toBe('已发布 v1')
    expect(byTestId('process-error-leader')).toBeNull()
  })

  it('is read only for a reader', async () => {
    fakeServer({ ...lookups, [`GET /api/v1/oa/request-types/${ID}`]: () => jsonResponse(200, wireOf(vehicle())) })
    await mountAt(`/oa/admin/request-types/${ID}`, RequestTypeEditView, ['oa:request-type:read'])
    expect(byTestId('request-type-save-draft')).toBeNull()
    expect(byTestId('request-type-publish')).toBeNull()
    expect(byTestId('palette-text')).toBeNull()
  })

  it('archives after asking, and is then read only', async () => {
    const server = fakeServer({
      ...lookups,
      [`GET /api/v1/oa/request-types/${ID}`]: () => jsonResponse(200, wireOf(vehicle({ status: 'published', publishedVersion: 2 }))),
      [`POST /api/v1/oa/request-types/${ID}/archive`]: () => jsonResponse(200, wireOf(vehicle({ status: 'archived', publishedVersion: 2, version: 5 }))),
    })
    await mountAt(`/oa/admin/request-types/${ID}`, RequestTypeEditView)
    expect(byTestId('request-type-status')?.textContent).toBe('已发布 v2')
    await click('request-type-archive')
    const confirm = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((button) => button.textContent?.includes('归档'))!
    confirm.click()
    await flushPromises()
    expect(await server.callsTo(`POST /api/v1/oa/request-types/${ID}/archive`)[0]!.json()).toEqual({ version: 4 })
    expect(byTestId('request-type-status')?.textContent).toBe('已归档')
    expect(byTestId('request-type-publish')).toBeNull()
    expect(byTestId('palette-text')).toBeNull()
  })

  it('asks before leaving with unsaved changes', async () => {
    fakeServer({ ...lookups, [`GET /api/v1/oa/request-types/${ID}`]: () => jsonResponse(200, wireOf(vehicle())) })
    const router = blankRouter([
      { path: '/oa/admin/request-types', name: 'oa-request-types', component: Blank },
      { path: '/oa/admin/request-types/:id', name: 'oa-request-type', component: RequestTypeEditView },
    ])
    const app = testApp(router)
    await router.push(`/oa/admin/request-types/${ID}`)
    useUserStore().applyAccess({ permissions: ['oa:request-type:manage'], menus: [] })
    wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
    await flushPromises()
    await click('palette-text')
    void router.push('/oa/admin/request-types')
    await flushPromises()
    const keep = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((button) => button.textContent?.includes('继续编辑'))!
    keep.click()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('oa-request-type')
    expect(byTestId('form-field-danHangWenBen')).not.toBeNull()
  })
})
