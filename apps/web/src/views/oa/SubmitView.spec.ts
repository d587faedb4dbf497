import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent } from 'vue'
import type { OaFormSchema } from '@zhongshu/contracts'
import type { components } from '@/api/schema'
import { vAccess } from '@/directives/access'
import { useUserStore } from '@/stores/user'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { blankRouter, testApp } from '@/testing/plugins'
import SubmitView from './SubmitView.vue'
import StartView from './StartView.vue'

const VEHICLE = '0190a000-0000-7000-8000-00000000aa01'
const LEAVE = '0190a000-0000-7000-8000-00000000aa02'
const WANG = '0190a000-0000-7000-8000-000000000101'

type Entry = components['schemas']['CatalogueEntryDto'] & { category: string; form: OaFormSchema }
type Planned = components['schemas']['PlannedNodeDto']

const vehicle: Entry = {
  id: VEHICLE,
  code: 'vehicle',
  name: '用车申请',
  category: '行政',
  icon: 'Van',
  description: '公务用车',
  formPath: null,
  form: {
    fields: [
      { key: 'reason', label: '事由', type: 'text', required: true },
      { key: 'distance', label: '距离', type: 'number', unit: '公里' },
    ],
  },
}
const leave: Entry = { ...vehicle, id: LEAVE, code: 'leave', name: '请假', category: '人事', icon: 'Calendar', description: '年假、病假' }

/** GET /oa/catalogue answers categories, each with its types (no forms). */
function catalogueOf(entries: Entry[]) {
  const categories = new Map<string, components['schemas']['CatalogueEntryDto'][]>()
  for (const { category, form: _form, ...entry } of entries) categories.set(category, [...(categories.get(category) ?? []), entry])
  return [...categories].map(([category, types]) => ({ category, types }))
}

/** The catalogue and the published form of each entry, as the server answers them. */
function catalogueRoutes(entries: Entry[]) {
  return {
    'GET /api/v1/oa/catalogue': () => jsonResponse(200, catalogueOf(entries)),
    ...Object.fromEntries(
      [vehicle, leave].map((entry) => [
        `GET /api/v1/oa/catalogue/${entry.id}`,
        () =>
          entries.includes(entry)
            ? jsonResponse(200, { requestTypeId: entry.id, name: entry.name, versionNo: 2, form: entry.form })
            : problemResponse(404, 'Not Found'),
      ]),
    ),
  }
}

/** The server's planned route: the start node, then these nodes. */
function routeOf(nodes: Partial<Planned>[]) {
  return {
    route: [
      { nodeId: 'start', name: '发起人', type: 'start', people: [{ id: 'me', name: '我' }], chosenLater: false, chosenBySubmitter: false },
      ...nodes.map((node, index) => ({ nodeId: `n${index}`, name: `步骤${index}`, type: 'approval', mode: 'all', whenEmpty: 'skip', people: [], chosenLater: false, chosenBySubmitter: false, ...node })),
    ],
  }
}

const Blank = defineComponent({ render: () => null })
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  vi.useRealTimers()
})

async function mountAt(path: string, view: typeof SubmitView | typeof StartView) {
  const router = blankRouter([
    { path: '/oa/start', name: 'oa-start', component: Blank },
    { path: '/oa/start/:requestTypeId', name: 'oa-submit', component: Blank },
  ])
  const app = testApp(router)
  await router.push(path)
  useUserStore().applyAccess({ permissions: ['oa:request:submit'], menus: [] })
  wrapper = mount(view, { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
  await flushPromises()
  return { router }
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
async function type(id: string, text: string): Promise<void> {
  const root = byTestId(id)!
  const input = root instanceof HTMLInputElement ? root : root.querySelector('input')!
  input.value = text
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('StartView, the catalogue', () => {
  it('shows the types the caller may use by category, and finds them by search', async () => {
    fakeServer(catalogueRoutes([vehicle, leave]))
    await mountAt('/oa/start', StartView)
    expect(byTestId('oa-category-行政')?.textContent).toContain('用车申请')
    expect(byTestId('oa-category-人事')?.textContent).toContain('请假')
    expect(byTestId('oa-type-vehicle')?.getAttribute('href')).toBe(`/oa/start/${VEHICLE}`)
    await type('oa-catalogue-search', '病假')
    expect(byTestId('oa-type-vehicle')).toBeNull()
    expect(byTestId('oa-type-leave')).not.toBeNull()
    await type('oa-catalogue-search', '报销')
    expect(byTestId('oa-catalogue-no-match')).not.toBeNull()
  })

  it('tells nothing-yet from a failure with a retry', async () => {
    let fail = true
    fakeServer({ 'GET /api/v1/oa/catalogue': () => (fail ? problemResponse(500, 'Internal Server Error', { requestId: 'req-9' }) : jsonResponse(200, catalogueOf([]))) })
    await mountAt('/oa/start', StartView)
    expect(byTestId('oa-catalogue-error')?.textContent).toContain('req-9')
    fail = false
    byTestId('oa-catalogue-retry')!.click()
    await flushPromises()
    expect(byTestId('oa-catalogue-empty')).not.toBeNull()
  })
})

describe('SubmitView, starting a request', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })

  it('previews the route at once, then once half a second after the last change, the latest answer winning', async () => {
    const answers: ((response: Response) => void)[] = []
    const server = fakeServer({
      ...catalogueRoutes([vehicle]),
      'POST /api/v1/oa/requests/preview-route': () => new Promise<Response>((resolve) => answers.push(resolve)),
    })
    await mountAt(`/oa/start/${VEHICLE}`, SubmitView)
    expect(server.callsTo('POST /api/v1/oa/requests/preview-route')).toHaveLength(1)
    answers[0]!(jsonResponse(200, routeOf([{ name: '部门负责人', people: [{ id: WANG, name: '王芳' }] }])))
    await flushPromises()
    expect(byTestId('oa-route-step-n0')?.textContent).toContain('王芳')

    await type('oa-input-reason', '去')
    await type('oa-input-reason', '去机')
    await type('oa-input-reason', '去机场')
    vi.advanceTimersByTime(599)
    await flushPromises()
    expect(server.callsTo('POST /api/v1/oa/requests/preview-route')).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await flushPromises()
    const calls = server.callsTo('POST /api/v1/oa/requests/preview-route')
    expect(calls).toHaveLength(2)
    expect(await calls[1]!.json()).toEqual({ requestTypeId: VEHICLE, formData: { reason: '去机场' } })

    // A third preview starts before the second answers; the second's late answer is dropped.
    await type('oa-input-distance', '120')
    byTestId('oa-input-distance')!.querySelector('input')!.dispatchEvent(new Event('change'))
    vi.advanceTimersByTime(600)
    await flushPromises()
    expect(server.callsTo('POST /api/v1/oa/requests/preview-route')).toHaveLength(3)
    answers[2]!(jsonResponse(200, routeOf([{ name: '总经理', people: [{ id: WANG, name: '李总' }] }, { name: '财务', branch: { routeId: 'amount', routeName: '金额', branchId: 'small', branchName: '1000 以下' } }])))
    await flushPromises()
    answers[1]!(jsonResponse(200, routeOf([{ name: '过时的答案' }])))
    await flushPromises()
    expect(byTestId('oa-route')?.textContent).toContain('李总')
    expect(byTestId('oa-route')?.textContent).not.toContain('过时的答案')
    expect(byTestId('oa-route-step-n1')?.classList.contains('submit-page__step--skipped')).toBe(true)
    expect(byTestId('oa-route-step-n1')?.textContent).toContain('金额 · 1000 以下')
  })

  it('checks the form before sending, then shows the server’s errors in place', async () => {
    const server = fakeServer({
      ...catalogueRoutes([vehicle]),
      'POST /api/v1/oa/requests/preview-route': () => jsonResponse(200, routeOf([{ name: '由发起人选择', chosenBySubmitter: true }])),
      'GET /api/v1/org/directory': () => jsonResponse(200, { items: [{ id: WANG, name: '王芳', employeeNo: 'E1', departmentName: '运营部', positionName: null }], total: 1, page: 1, pageSize: 20 }),
      [`GET /api/v1/org/people/${WANG}`]: () => jsonResponse(200, { id: WANG, name: '王芳', employeeNo: 'E1' }),
      'POST /api/v1/oa/requests': () =>
        problemResponse(422, 'Unprocessable', {
          errors: [
            { field: 'formData.reason', message: '事由里有不允许的词' },
            { field: 'chosenApproverIds[0]', message: '王芳已离职' },
          ],
        }),
    })
    await mountAt(`/oa/start/${VEHICLE}`, SubmitView)
    byTestId('oa-submit-button')!.click()
    await flushPromises()
    expect(server.callsTo('POST /api/v1/oa/requests')).toHaveLength(0)
    expect(byTestId('oa-error-reason')?.textContent?.trim()).toBe('必填')
    expect(byTestId('oa-choose-error-n0')?.textContent?.trim()).toBe('请选择审批人')

    await type('oa-input-reason', '机场接人')
    const picker = wrapper!.findComponent({ name: 'PeoplePicker' })
    picker.vm.$emit('update:modelValue', [WANG])
    await flushPromises()
    byTestId('oa-submit-button')!.click()
    await flushPromises()
    const sent = server.callsTo('POST /api/v1/oa/requests')
    expect(sent).toHaveLength(1)
    expect(await sent[0]!.json()).toEqual({ requestTypeId: VEHICLE, formData: { reason: '机场接人' }, chosenApproverIds: [WANG] })
    expect(byTestId('oa-error-reason')?.textContent?.trim()).toBe('事由里有不允许的词')
    expect(byTestId('oa-choose-error-n0')?.textContent?.trim()).toBe('王芳已离职')
    expect(byTestId('oa-submit-failure')).not.toBeNull()
    expect(byTestId('oa-form-unlisted')).toBeNull()
  })

  it('says so when submitted, with the way to the request', async () => {
    fakeServer({
      ...catalogueRoutes([vehicle]),
      'POST /api/v1/oa/requests/preview-route': () => jsonResponse(200, routeOf([])),
      'POST /api/v1/oa/requests': () => jsonResponse(201, { id: 'req-1', number: 'OA-2026-000123' }),
    })
    await mountAt(`/oa/start/${VEHICLE}`, SubmitView)
    await type('oa-input-reason', '机场接人')
    byTestId('oa-submit-button')!.click()
    await flushPromises()
    expect(byTestId('oa-submitted')?.textContent).toContain('OA-2026-000123')
    expect(byTestId('oa-submitted-view')?.getAttribute('href')).toBe('/oa/requests/req-1')
  })

  it('tells a type the caller may not use from a failure', async () => {
    fakeServer(catalogueRoutes([leave]))
    await mountAt(`/oa/start/${VEHICLE}`, SubmitView)
    expect(byTestId('oa-submit-missing')).not.toBeNull()
  })
})
