import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { RouterView } from 'vue-router'
import { ElDatePicker, ElSelect } from 'element-plus'
import { vAccess } from '@/directives/access'
import { useUserStore } from '@/stores/user'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { blankRouter, testApp } from '@/testing/plugins'
import StartView from '../StartView.vue'
import ExpenseClaimPanel from './ExpenseClaimPanel.vue'
import ExpenseClaimView from './ExpenseClaimView.vue'

const CLAIM = '0190a000-0000-7000-8000-00000000e001'
const REQUEST = '0190a000-0000-7000-8000-00000000e002'
const fileId = (n: number) => `0190a000-0000-7000-8000-00000000f00${n}`

const Blank = defineComponent({ render: () => null })
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const inputOf = (id: string) => {
  const root = byTestId(id)!
  return root instanceof HTMLInputElement ? root : root.querySelector('input')!
}
async function type(id: string, text: string): Promise<void> {
  const input = inputOf(id)
  input.value = text
  input.dispatchEvent(new Event('input'))
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}
/** The Element Plus component that carries a test id (on its root or an element inside it). */
function componentWith(components: VueWrapper[], testId: string): VueWrapper {
  const marked = byTestId(testId)
  const found = components.find((component) => {
    const root: unknown = component.element
    return (component.vm.$attrs as Record<string, unknown>)['data-testid'] === testId || (root instanceof Element && marked !== null && (root === marked || root.contains(marked)))
  })
  if (!found) throw new Error(`no component with ${testId}`)
  return found
}
async function choose(line: number, which: 'category' | 'currency', value: string): Promise<void> {
  componentWith(wrapper!.findAllComponents(ElSelect) as VueWrapper[], `expense-line-${line}-${which}`).vm.$emit('update:modelValue', value)
  await flushPromises()
}
async function pickDate(line: number, day: string): Promise<void> {
  componentWith(wrapper!.findAllComponents(ElDatePicker) as VueWrapper[], `expense-line-${line}-date`).vm.$emit('update:modelValue', day)
  await flushPromises()
}
async function attach(line: number, name: string): Promise<void> {
  const input = byTestId(`expense-line-${line}-receipt-file`) as HTMLInputElement
  Object.defineProperty(input, 'files', { configurable: true, value: [new File(['%PDF-1.4'], name, { type: 'application/pdf' })] })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}
const lineError = (line: number, field: string) => byTestId(`expense-line-${line}`)!.querySelector(`.expense-line__${field} .el-form-item__error`)?.textContent?.trim()
/** Element Plus shows a field's error through a transition: it is there a moment later. */
const expectLineError = (line: number, field: string, text: string | undefined) => vi.waitFor(() => expect(lineError(line, field)).toBe(text))

async function mountForm() {
  const router = blankRouter([
    { path: '/oa/start', name: 'oa-start', component: Blank },
    { path: '/oa/expenses/new', name: 'oa-expense-new', component: Blank },
    { path: '/oa/requests/:id', name: 'oa-request', component: Blank },
  ])
  const app = testApp(router)
  await router.push('/oa/expenses/new')
  useUserStore().applyAccess({ permissions: ['oa:expense:submit', 'oa:request:submit'], menus: [] })
  wrapper = mount(ExpenseClaimView, { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
  await flushPromises()
  return router
}

function uploads() {
  let n = 0
  return async (request: Request) => {
    n += 1
    const name = new URL(request.url).searchParams.get('name')
    return jsonResponse(201, { id: fileId(n), name, size: 1024 * n, contentType: 'application/pdf', uploadedBy: 'me', createdAt: '2026-11-30T00:00:00Z' })
  }
}

describe('ExpenseClaimView, the claim form', () => {
  it('totals the lines in CNY as they change, checks before sending, and shows the server’s duplicate invoice on its line', async () => {
    let answer: () => Response = () =>
      problemResponse(409, 'Conflict', {
        code: 'oa.invoice-claimed',
        detail: 'Invoice 26322000000100003 is claimed already by OA-2026-000012 (办公用品采购)',
        errors: [{ field: 'lines[1].invoiceNo', message: 'invoice 26322000000100003 is claimed already by OA-2026-000012 (办公用品采购)' }],
      })
    const server = fakeServer({ 'POST /api/v1/platform/files': uploads(), 'POST /api/v1/oa/expenses': () => answer() })
    const router = await mountForm()
    expect(byTestId('expense-total')?.textContent).toBe('¥0.00')

    // Nothing filled: the form's own checks, nothing sent.
    byTestId('expense-submit')!.click()
    await flushPromises()
    expect(server.callsTo('POST /api/v1/oa/expenses')).toHaveLength(0)
    expect(byTestId('expense-failure')?.textContent).toContain('处需要修改')
    await expectLineError(0, 'wide', '请上传票据')

    await type('expense-title', '11 月苏州客户拜访')
    await choose(0, 'category', 'transport')
    await pickDate(0, '2020-11-20')
    await type('expense-line-0-amount', '0.10')
    await attach(0, '高铁票.pdf')
    expect(byTestId('expense-line-0-receipt-name')?.textContent).toContain('高铁票.pdf')
    expect(byTestId('expense-total')?.textContent).toBe('¥0.10')

    byTestId('expense-add-line')!.click()
    await flushPromises()
    await choose(1, 'category', 'accommodation')
    await type('expense-line-1-amount', '0.20')
    // 0.10 + 0.20 is 0.30 exactly; the new line took the first one's date.
    expect(byTestId('expense-total')?.textContent).toBe('¥0.30')
    await choose(1, 'currency', 'usd')
    expect(byTestId('expense-line-1-rate')).not.toBeNull()
    expect(byTestId('expense-uncounted')?.textContent).toContain('1 笔金额或汇率未填好')
    expect(byTestId('expense-total')?.textContent).toBe('¥0.10')
    await type('expense-line-1-rate', '7.1032')
    await type('expense-line-1-amount', '150')
    // 0.10 + 150 × 7.1032 = 1065.58.
    expect(byTestId('expense-line-1-converted')?.textContent).toContain('¥1,065.48')
    expect(byTestId('expense-total')?.textContent).toBe('¥1,065.58')
    await type('expense-line-1-invoice', '26322000000100003')
    await attach(1, 'hotel.pdf')

    byTestId('expense-submit')!.click()
    await flushPromises()
    const sent = server.callsTo('POST /api/v1/oa/expenses')
    expect(sent).toHaveLength(1)
    expect(await sent[0]!.json()).toEqual({
      title: '11 月苏州客户拜访',
      lines: [
        { category: 'transport', date: '2020-11-20', amount: '0.10', currency: 'CNY', receiptFileId: fileId(1) },
        { category: 'accommodation', date: '2020-11-20', amount: '150.00', currency: 'USD', rate: '7.1032', invoiceNo: '26322000000100003', receiptFileId: fileId(2) },
      ],
    })
    await expectLineError(1, 'invoice', '发票 26322000000100003 已在报销单 OA-2026-000012（办公用品采购）中报销过')
    expect(lineError(0, 'invoice')).toBeUndefined()
    expect(router.currentRoute.value.name).toBe('oa-expense-new')

    // Editing the number clears its error; filed, the page opens the approval it started.
    await type('expense-line-1-invoice', 'INV-2026-0001')
    await expectLineError(1, 'invoice', undefined)
    expect(byTestId('expense-failure')).toBeNull()
    answer = () => jsonResponse(201, { id: CLAIM, requestId: REQUEST, number: 'OA-2026-000099', total: '1065.58', status: 'pending' })
    byTestId('expense-submit')!.click()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(`/oa/requests/${REQUEST}`)
  })

  it('removing a line takes it out of the total, and a receipt of another type is refused before uploading', async () => {
    const server = fakeServer({ 'POST /api/v1/platform/files': uploads() })
    await mountForm()
    await type('expense-line-0-amount', '10.00')
    byTestId('expense-add-line')!.click()
    await flushPromises()
    await type('expense-line-1-amount', '5.55')
    expect(byTestId('expense-total')?.textContent).toBe('¥15.55')
    byTestId('expense-line-0-remove')!.click()
    await flushPromises()
    expect(byTestId('expense-total')?.textContent).toBe('¥5.55')
    expect(byTestId('expense-line-1')).toBeNull()

    const input = byTestId('expense-line-0-receipt-file') as HTMLInputElement
    Object.defineProperty(input, 'files', { configurable: true, value: [new File(['x'], 'notes.docx')] })
    input.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(byTestId('expense-line-0-receipt-problem')?.textContent).toBe('票据须为 PDF、JPG 或 PNG 文件')
    expect(server.callsTo('POST /api/v1/platform/files')).toHaveLength(0)
  })
})

describe('leaving the claim form', () => {
  const button = (label: string) => [...document.querySelectorAll<HTMLElement>('.el-message-box__btns button')].filter((candidate) => candidate.textContent?.includes(label)).at(-1)!

  async function mountRouted() {
    const router = blankRouter([
      { path: '/oa/start', name: 'oa-start', component: Blank },
      { path: '/oa/expenses/new', name: 'oa-expense-new', component: ExpenseClaimView },
    ])
    const app = testApp(router)
    await router.push('/oa/expenses/new')
    useUserStore().applyAccess({ permissions: ['oa:expense:submit'], menus: [] })
    wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
    await flushPromises()
    return router
  }

  it('asks before dropping what was typed; an untouched form is left at once', async () => {
    fakeServer({})
    let router = await mountRouted()
    await router.push('/oa/start')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('oa-start')
    expect(document.querySelector('.el-message-box')).toBeNull()
    wrapper?.unmount()
    wrapper = undefined

    router = await mountRouted()
    await type('expense-title', '出差')
    void router.push('/oa/start')
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')?.textContent ?? '').toContain('离开报销单？'))
    button('继续填写').click()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('oa-expense-new'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(router.currentRoute.value.name).toBe('oa-expense-new')
    expect(inputOf('expense-title').value).toBe('出差')
  })
})

describe('ExpenseClaimPanel, the claim on the request page', () => {
  const claim = {
    id: CLAIM,
    person: { id: 'p1', name: '李明' },
    title: '2 月苏州客户拜访',
    currency: 'CNY',
    total: '1421.48',
    status: 'pending',
    requestId: REQUEST,
    requestNumber: 'OA-2026-000099',
    submittedAt: '2026-11-30T02:00:00.000Z',
    lines: [
      { id: 'l1', category: 'transport', date: '2026-02-10', amount: '356.00', currency: 'CNY', rate: '1', amountCny: '356.00', invoiceNo: '26322000000100001', tax: '29.39', receipt: { id: fileId(1), name: '高铁票.pdf', size: 2048 }, description: '高铁往返' },
      { id: 'l2', category: 'accommodation', date: '2026-02-11', amount: '150.00', currency: 'USD', rate: '7.1032', amountCny: '1065.48', invoiceNo: null, tax: null, receipt: { id: fileId(2), name: 'hotel.png', size: 4096 }, description: null },
    ],
  }

  function mountPanel(onFallback: (detail: string) => void = () => undefined) {
    const app = testApp()
    const Host = defineComponent({ render: () => h(ExpenseClaimPanel, { claimId: CLAIM, onFallback }) })
    wrapper = mount(Host, { global: { plugins: app.plugins }, attachTo: document.body })
  }

  it('shows the lines as a table with rates, amounts in CNY, the total and the receipts to download', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const server = fakeServer({
      [`GET /api/v1/oa/expenses/${CLAIM}`]: () => jsonResponse(200, claim),
      [`GET /api/v1/platform/files/${fileId(2)}`]: () => new Response(png, { status: 200, headers: { 'Content-Type': 'image/png' } }),
    })
    mountPanel()
    await flushPromises()
    const rows = [0, 1].map((index) => byTestId(`expense-claim-line-${index}`)!.textContent!.replace(/\s+/g, ' '))
    expect(rows[0]).toContain('市内交通')
    expect(rows[0]).toContain('¥356.00')
    expect(rows[0]).toContain('¥29.39')
    expect(rows[0]).toContain('高铁往返')
    expect(rows[1]).toContain('$150.00')
    expect(rows[1]).toContain('7.1032')
    expect(rows[1]).toContain('¥1,065.48')
    expect(byTestId('expense-claim-total')?.textContent).toBe('¥1,421.48')
    expect(byTestId('file-hotel.png')).not.toBeNull()
    expect(byTestId('file-高铁票.pdf')).not.toBeNull()
    // A photo is looked at in place (as a data: URL, which the page's policy allows); a PDF has no preview.
    expect(byTestId('expense-preview-0')).toBeNull()
    byTestId('expense-preview-1')!.click()
    await vi.waitFor(() => expect(document.querySelector<HTMLImageElement>('[data-testid="expense-preview-image"]')?.getAttribute('src')).toMatch(/^data:image\/png;base64,/))
    expect(server.callsTo(`GET /api/v1/platform/files/${fileId(2)}`)).toHaveLength(1)
  })

  it('asks the page to fall back to the submitted form when the claim cannot be read', async () => {
    fakeServer({ [`GET /api/v1/oa/expenses/${CLAIM}`]: () => problemResponse(404, 'Not Found', { detail: 'Expense claim not found' }) })
    const fallback = vi.fn()
    mountPanel(fallback)
    await flushPromises()
    expect(fallback).toHaveBeenCalledWith(expect.stringContaining('Expense claim not found'))
  })
})

describe('the catalogue', () => {
  it('links 报销 to the claim form (the server names the page of a type with a form of its own)', async () => {
    const router = blankRouter([{ path: '/oa/expenses/new', name: 'oa-expense-new', component: Blank }, { path: '/oa/start/:requestTypeId', name: 'oa-submit', component: Blank }])
    const app = testApp(router)
    useUserStore().applyAccess({ permissions: ['oa:request:submit', 'oa:expense:submit'], menus: [] })
    fakeServer({
      'GET /api/v1/oa/catalogue': () =>
        jsonResponse(200, [
          { category: '财务', types: [{ id: REQUEST, code: 'expense', name: '报销', icon: 'Money', description: null, formPath: '/oa/expenses/new' }] },
          { category: '行政', types: [{ id: CLAIM, code: 'vehicle', name: '用车申请', icon: 'Van', description: null, formPath: null }] },
        ]),
    })
    wrapper = mount(StartView, { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
    await flushPromises()
    expect(byTestId('oa-category-财务')?.textContent).toContain('报销')
    expect(byTestId('oa-type-expense')?.getAttribute('href')).toBe('/oa/expenses/new')
    expect(byTestId('oa-type-vehicle')?.getAttribute('href')).toBe(`/oa/start/${CLAIM}`)
  })
})

describe('a returned claim on the request page', () => {
  it('is resubmitted as it is, its lines shown, with the applicant’s comment', async () => {
    const formData = { title: '出差', total: '356.00', categories: ['transport'], lines: [{ category: 'transport', date: '2026-11-20', amount: '356.00', currency: 'CNY', amountCny: '356.00', invoiceNo: '' }], receipts: [] }
    const detail = {
      id: REQUEST,
      number: 'OA-2026-000099',
      title: '李明的报销 出差',
      status: 'returned',
      requestType: { id: CLAIM, name: '报销', icon: 'Money' },
      versionNo: 1,
      applicant: { id: 'p1', name: '李明' },
      applicantDepartmentId: 'd1',
      submittedAt: '2026-11-30T02:00:00.000Z',
      endedAt: null,
      decidedBy: null,
      businessType: 'oa.expense',
      businessId: CLAIM,
      form: { fields: [{ key: 'title', label: '报销事由', type: 'text', required: true }] },
      formData,
      route: [],
      history: [],
      actions: [{ action: 'resubmit' }],
      version: 3,
    }
    const claim = { id: CLAIM, person: { id: 'p1', name: '李明' }, title: '出差', currency: 'CNY', total: '356.00', status: 'pending', requestId: REQUEST, requestNumber: 'OA-2026-000099', submittedAt: '2026-11-30T02:00:00.000Z', lines: [{ id: 'l1', category: 'transport', date: '2026-11-20', amount: '356.00', currency: 'CNY', rate: '1', amountCny: '356.00', invoiceNo: null, tax: null, receipt: null, description: null }] }
    const server = fakeServer({
      [`GET /api/v1/oa/requests/${REQUEST}`]: () => jsonResponse(200, detail),
      [`GET /api/v1/oa/expenses/${CLAIM}`]: () => jsonResponse(200, claim),
      [`POST /api/v1/oa/requests/${REQUEST}/resubmit`]: () => jsonResponse(200, { id: REQUEST, number: 'OA-2026-000099', status: 'running' }),
    })
    const { default: RequestView } = await import('../request/RequestView.vue')
    const router = blankRouter([{ path: '/oa/requests/:id', name: 'oa-request', component: Blank }])
    const app = testApp(router)
    await router.push(`/oa/requests/${REQUEST}`)
    useUserStore().applyAccess({ permissions: ['oa:inbox:read'], menus: [] })
    wrapper = mount(RequestView, { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
    await flushPromises()
    byTestId('action-resubmit')!.click()
    await flushPromises()
    expect(byTestId('resubmit-hint')?.textContent).toContain('重新提交时保持不变')
    expect(byTestId('expense-claim-panel')).not.toBeNull()
    expect(document.querySelector('[data-testid="oa-input-title"]')).toBeNull()
    const marked = byTestId('resubmit-comment')!
    const comment = marked instanceof HTMLTextAreaElement ? marked : marked.querySelector('textarea')!
    comment.value = '纸质发票已补交'
    comment.dispatchEvent(new Event('input'))
    byTestId('resubmit-confirm')!.click()
    await flushPromises()
    const sent = server.callsTo(`POST /api/v1/oa/requests/${REQUEST}/resubmit`)
    expect(sent).toHaveLength(1)
    expect(await sent[0]!.json()).toEqual({ formData, comment: '纸质发票已补交' })
  })
})

describe('MyExpensesView, my claims', () => {
  const claimOf = (n: number, status: string, total: string) => ({
    id: `0190a000-0000-7000-8000-00000000c00${n}`,
    person: { id: 'p1', name: '李明' },
    title: `报销 ${n}`,
    currency: 'CNY',
    total,
    status,
    requestId: `0190a000-0000-7000-8000-00000000d00${n}`,
    requestNumber: `OA-2026-00000${n}`,
    submittedAt: '2026-11-30T02:00:00.000Z',
    lines: [{ id: `l${n}`, category: 'meals', date: '2026-11-20', amount: total, currency: 'CNY', rate: '1', amountCny: total, invoiceNo: null, tax: null, receipt: null, description: null }],
  })

  async function mountMine() {
    const { default: MyExpensesView } = await import('./MyExpensesView.vue')
    const router = blankRouter([{ path: '/oa/expenses/new', name: 'oa-expense-new', component: Blank }, { path: '/oa/requests/:id', name: 'oa-request', component: Blank }])
    const app = testApp(router)
    wrapper = mount(MyExpensesView, { global: { plugins: app.plugins, directives: { access: vAccess } }, attachTo: document.body })
    await flushPromises()
  }

  it('lists the claims with status and total, what is waiting and what was approved added as decimals', async () => {
    fakeServer({ 'GET /api/v1/oa/expenses': () => jsonResponse(200, [claimOf(1, 'pending', '0.10'), claimOf(2, 'pending', '0.20'), claimOf(3, 'approved', '1421.48'), claimOf(4, 'rejected', '860.00')]) })
    await mountMine()
    expect(byTestId('expense-mine-pending')?.textContent).toBe('¥0.30')
    expect(byTestId('expense-mine-approved')?.textContent).toBe('¥1,421.48')
    const row = byTestId('expense-mine-OA-2026-000004')!
    expect(row.textContent).toContain('已驳回')
    expect(row.textContent).toContain('餐费')
    expect(row.querySelector('a')?.getAttribute('href')).toBe('/oa/requests/0190a000-0000-7000-8000-00000000d004')
  })

  it('tells nothing-yet from a failure, which it retries', async () => {
    let fail = true
    fakeServer({ 'GET /api/v1/oa/expenses': () => (fail ? problemResponse(500, 'Internal Server Error', { requestId: 'req-7' }) : jsonResponse(200, [])) })
    await mountMine()
    expect(byTestId('expense-mine-error')?.textContent).toContain('req-7')
    fail = false
    byTestId('expense-mine-error')!.querySelector('button')!.click()
    await flushPromises()
    expect(byTestId('expense-mine-empty')).not.toBeNull()
  })
})
