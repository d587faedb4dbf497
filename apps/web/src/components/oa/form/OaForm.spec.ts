import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { ElDatePicker, ElSelect, ElTreeSelect } from 'element-plus'
import type { OaFormData, OaFormSchema } from '@zhongshu/contracts'
import type { FieldError } from '@/api/problem'
import { i18n } from '@/locales'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { testApp } from '@/testing/plugins'
import { setViewportWidth } from '@/testing/viewport'
import PeoplePicker from '@/components/org/PeoplePicker.vue'
import PersonPicker from '@/components/org/PersonPicker.vue'
import OaForm from './OaForm.vue'
import { initialFormData } from './form-values'

const PERSON = '0190a000-0000-7000-8000-000000000101'
const DEPT = '0190a000-0000-7000-8000-0000000000d2'
const FILE = '0190a000-0000-7000-8000-0000000000f1'

const everyType: OaFormSchema = {
  fields: [
    { key: 'reason', label: '事由', type: 'text', required: true, maxLength: 20 },
    { key: 'detail', label: '说明', type: 'textarea', help: '写清楚用途' },
    { key: 'distance', label: '距离', type: 'number', unit: '公里', precision: 1, max: 1000 },
    { key: 'amount', label: '金额', type: 'money', min: '0.01' },
    { key: 'day', label: '日期', type: 'date' },
    { key: 'trip', label: '用车时间', type: 'dateRange', required: true },
    { key: 'car', label: '车型', type: 'select', options: [{ value: 'suv', label: 'SUV' }, { value: 'van', label: '面包车' }] },
    { key: 'needs', label: '需求', type: 'multiSelect', options: [{ value: 'driver', label: '司机' }, { value: 'child', label: '儿童座椅' }] },
    { key: 'driver', label: '司机', type: 'person' },
    { key: 'team', label: '同行人', type: 'person', multiple: true },
    { key: 'dept', label: '用车部门', type: 'department' },
    { key: 'files', label: '附件', type: 'attachment', accept: ['.pdf'], maxFiles: 2 },
    {
      key: 'lines',
      label: '费用明细',
      type: 'table',
      columns: [
        { key: 'item', label: '项目', type: 'text', required: true },
        { key: 'amount', label: '金额', type: 'money', required: true },
        { key: 'km', label: '公里', type: 'number' },
      ],
    },
  ],
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

function lookups() {
  return fakeServer({
    'GET /api/v1/org/people': () => jsonResponse(200, { items: [{ id: PERSON, name: '王芳', employeeNo: 'E1' }], total: 1, page: 1, pageSize: 20 }),
    'GET /api/v1/org/people/0190a000-0000-7000-8000-000000000101': () => jsonResponse(200, { id: PERSON, name: '王芳', employeeNo: 'E1' }),
    'GET /api/v1/org/departments': () =>
      jsonResponse(200, {
        items: [{ id: DEPT, parentId: null, code: 'OPS', name: '综合管理部', leaderId: null, deputyId: null, sortOrder: 0, status: 'active', version: 1 }],
        total: 1,
        page: 1,
        pageSize: 200,
      }),
    'POST /api/v1/platform/files': () => jsonResponse(201, { id: FILE, name: 'invoice.pdf', size: 2048, contentType: 'application/pdf', uploadedBy: FILE, createdAt: '2026-12-01T00:00:00.000Z' }),
  })
}

function mountForm(schema: OaFormSchema, serverErrors: FieldError[] = []) {
  const data = ref<OaFormData>(initialFormData(schema))
  const errors = ref<FieldError[]>(serverErrors)
  const form = ref<InstanceType<typeof OaForm>>()
  const Host = defineComponent({
    setup: () => () =>
      h(OaForm, {
        ref: form,
        schema,
        modelValue: data.value,
        'onUpdate:modelValue': (value: OaFormData) => (data.value = value),
        serverErrors: errors.value,
      }),
  })
  wrapper = mount(Host, { global: { plugins: testApp().plugins }, attachTo: document.body })
  return { data, errors, form, wrapper }
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)
const byTestId = (id: string) => $(`[data-testid="${id}"]`)
const errorUnder = (path: string) => byTestId(`oa-error-${path.replace(/^formData\./, '')}`)?.textContent?.trim()

/** The text box of an input: Element Plus puts a test id on the <input> itself, or on a wrapper around it. */
function textBox(testId: string): HTMLInputElement | HTMLTextAreaElement {
  const element = byTestId(testId)!
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return element
  return element.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!
}

async function type(testId: string, text: string, commit = false): Promise<void> {
  const input = textBox(testId)
  input.value = text
  input.dispatchEvent(new Event('input'))
  if (commit) {
    input.dispatchEvent(new Event('change'))
    input.dispatchEvent(new Event('blur'))
  }
  await flushPromises()
}

describe('OaForm, filling in a request', () => {
  it('renders an input for every field type, with labels, help and required marks', async () => {
    lookups()
    mountForm(everyType)
    await flushPromises()
    for (const field of everyType.fields) {
      expect(byTestId(`oa-field-${field.key}`)?.textContent).toContain(field.label)
      expect(byTestId(`oa-input-${field.key}`), field.key).not.toBeNull()
    }
    expect(byTestId('oa-field-detail')?.textContent).toContain('写清楚用途')
    expect(byTestId('oa-field-reason')?.classList.contains('is-required')).toBe(true)
    expect(byTestId('oa-field-detail')?.classList.contains('is-required')).toBe(false)
    expect(byTestId('oa-field-distance')?.textContent).toContain('公里')
    expect(textBox('oa-input-detail').tagName).toBe('TEXTAREA')
  })

  it('writes each kind of value in the shape the server expects', async () => {
    lookups()
    const { data, wrapper } = mountForm(everyType)
    await type('oa-input-reason', '去机场')
    await type('oa-input-detail', '接客户')
    await type('oa-input-distance', '120.5', true)
    await type('oa-input-amount', '１,２00。5')
    // While typing the text is kept as typed; leaving the field settles it to two decimals.
    expect(data.value.amount).toBe('１,２00。5')
    textBox('oa-input-amount').dispatchEvent(new Event('blur'))
    await flushPromises()
    expect(data.value.amount).toBe('1200.50')

    const pickers = wrapper.findAllComponents(ElDatePicker)
    pickers[0]!.vm.$emit('update:modelValue', '2026-03-01')
    pickers[1]!.vm.$emit('update:modelValue', ['2026-03-01', '2026-03-03'])
    // In the order of the form: the car, the needs, then the people pickers' own selects.
    const selects = wrapper.findAllComponents(ElSelect)
    selects[0]!.vm.$emit('update:modelValue', 'suv')
    selects[1]!.vm.$emit('update:modelValue', ['driver'])
    wrapper.findComponent(PersonPicker).vm.$emit('update:modelValue', PERSON)
    wrapper.findComponent(PeoplePicker).vm.$emit('update:modelValue', [PERSON])
    wrapper.findComponent(ElTreeSelect).vm.$emit('update:modelValue', DEPT)
    await flushPromises()

    expect(data.value).toMatchObject({
      reason: '去机场',
      detail: '接客户',
      distance: 120.5,
      amount: '1200.50',
      day: '2026-03-01',
      trip: { start: '2026-03-01', end: '2026-03-03' },
      car: 'suv',
      needs: ['driver'],
      driver: PERSON,
      team: [PERSON],
      dept: DEPT,
    })
    expect(typeof data.value.amount).toBe('string')
  })

  it('shows a field’s rules once it is edited, and every rule when validated', async () => {
    lookups()
    const { form } = mountForm(everyType)
    await flushPromises()
    expect(errorUnder('formData.reason')).toBeUndefined()
    await type('oa-input-amount', '12.345')
    expect(errorUnder('formData.amount')).toBe('请输入金额，最多两位小数，如 1234.50')
    expect(errorUnder('formData.reason')).toBeUndefined()
    await type('oa-input-amount', '0')
    textBox('oa-input-amount').dispatchEvent(new Event('blur'))
    await flushPromises()
    expect(errorUnder('formData.amount')).toBe('不能小于 0.01')

    expect(form.value!.validate()).toBe(false)
    await flushPromises()
    expect(errorUnder('formData.reason')).toBe('必填')
    expect(errorUnder('formData.trip')).toBe('必填')

    await type('oa-input-reason', '去机场')
    await type('oa-input-amount', '10', true)
    expect(errorUnder('formData.reason')).toBeUndefined()
    expect(errorUnder('formData.amount')).toBeUndefined()
  })

  it('keeps a number as typed and says what is wrong instead of rounding it', async () => {
    lookups()
    const { data } = mountForm(everyType)
    await type('oa-input-distance', '12.25', true)
    expect(data.value.distance).toBe(12.25)
    expect(errorUnder('formData.distance')).toBe('最多 1 位小数')
    await type('oa-input-distance', '5000', true)
    expect(errorUnder('formData.distance')).toBe('不能大于 1000')
  })

  it('adds, moves and removes table lines, with running totals in decimals', async () => {
    lookups()
    const { data } = mountForm(everyType)
    await flushPromises()
    expect(byTestId('oa-row-lines-0')).toBeNull()
    byTestId('oa-row-add-lines')!.click()
    await flushPromises()
    byTestId('oa-row-add-lines')!.click()
    await flushPromises()
    await type('oa-input-lines-0-item', '打车')
    await type('oa-input-lines-0-amount', '0.1', true)
    await type('oa-input-lines-1-item', '高铁')
    await type('oa-input-lines-1-amount', '0.2', true)
    await type('oa-input-lines-1-km', '2.5', true)
    expect(byTestId('oa-total-lines-amount')?.textContent?.trim()).toBe('¥0.30')
    expect(byTestId('oa-total-lines-km')?.textContent?.trim()).toBe('2.5')

    byTestId('oa-row-up-lines-1')!.click()
    await flushPromises()
    expect(data.value.lines).toEqual([
      { item: '高铁', amount: '0.20', km: 2.5 },
      { item: '打车', amount: '0.10', km: null },
    ])
    expect(textBox('oa-input-lines-0-item').value).toBe('高铁')
    expect(byTestId('oa-row-up-lines-0')?.hasAttribute('disabled')).toBe(true)

    byTestId('oa-row-remove-lines-0')!.click()
    await flushPromises()
    expect(data.value.lines).toEqual([{ item: '打车', amount: '0.10', km: null }])
    expect(byTestId('oa-total-lines-amount')?.textContent?.trim()).toBe('¥0.10')
  })

  it('checks each cell of a line under that cell, and the line count under the table', async () => {
    lookups()
    const schema: OaFormSchema = {
      fields: [{ key: 'lines', label: '明细', type: 'table', required: true, maxRows: 2, columns: [{ key: 'item', label: '项目', type: 'text', required: true }] }],
    }
    const { form } = mountForm(schema)
    await flushPromises()
    byTestId('oa-row-remove-lines-0')!.click()
    await flushPromises()
    expect(form.value!.validate()).toBe(false)
    await flushPromises()
    expect(errorUnder('formData.lines')).toBe('至少 1 行')
    byTestId('oa-row-add-lines')!.click()
    await flushPromises()
    expect(errorUnder('formData.lines')).toBeUndefined()
    expect(byTestId('oa-error-lines-0-item')?.textContent?.trim()).toBe('必填')
    byTestId('oa-row-add-lines')!.click()
    await flushPromises()
    // The table's maximum: no third line.
    expect(byTestId('oa-row-add-lines')?.hasAttribute('disabled')).toBe(true)
  })

  it('shows the server’s errors under the field, the line’s cell and the part of a range, until the value changes', async () => {
    lookups()
    const { errors } = mountForm(everyType, [
      { field: 'formData.reason', message: '已有相同事由的申请' },
      { field: 'formData.lines[0].amount', message: '超出报销标准' },
      { field: 'formData.trip.end', message: '不能晚于 2026-12-31' },
      { field: 'chosenApproverIds', message: '请选择审批人' },
    ])
    await flushPromises()
    byTestId('oa-row-add-lines')!.click()
    await flushPromises()
    expect(errorUnder('formData.reason')).toBe('已有相同事由的申请')
    expect(errorUnder('formData.trip')).toBe('不能晚于 2026-12-31')
    expect(byTestId('oa-error-lines-0-amount')?.textContent?.trim()).toBe('超出报销标准')
    // The line count is no error of the table itself.
    expect(errorUnder('formData.lines')).toBeUndefined()
    expect(byTestId('oa-form-unlisted')?.textContent).toContain('请选择审批人')

    await type('oa-input-reason', '换个说法')
    expect(errorUnder('formData.reason')).toBeUndefined()
    expect(byTestId('oa-error-lines-0-amount')?.textContent?.trim()).toBe('超出报销标准')
    await type('oa-input-lines-0-amount', '5', true)
    expect(byTestId('oa-error-lines-0-amount')).toBeNull()

    // A new answer from the server replaces the old one.
    errors.value = [{ field: 'formData.reason', message: '仍然重复' }]
    await flushPromises()
    expect(errorUnder('formData.reason')).toBe('仍然重复')
  })

  it('uploads attachments, refuses a wrong type and too many, and removes them', async () => {
    const server = lookups()
    const { data } = mountForm(everyType)
    await flushPromises()
    const input = $<HTMLInputElement>('[data-testid="oa-input-files-file"]')!
    const pick = async (...names: string[]) => {
      Object.defineProperty(input, 'files', { value: names.map((name) => new File(['%PDF'], name, { type: 'application/pdf' })), configurable: true })
      input.dispatchEvent(new Event('change'))
      await flushPromises()
    }
    await pick('invoice.pdf', 'virus.exe')
    expect(data.value.files).toEqual([{ id: FILE, name: 'invoice.pdf', size: 2048 }])
    expect(byTestId('oa-input-files')?.textContent).toContain('virus.exe 不是可接受的文件类型（.pdf）')
    const upload = server.callsTo('POST /api/v1/platform/files')
    expect(upload).toHaveLength(1)
    // The bytes as they are, the name in the query: the server tells the type from both.
    expect(new URL(upload[0]!.url).searchParams.get('name')).toBe('invoice.pdf')
    expect(upload[0]!.headers.get('Content-Type')).toBe('application/octet-stream')
    expect(await upload[0]!.text()).toBe('%PDF')

    await pick('a.pdf', 'b.pdf')
    expect(data.value.files).toHaveLength(2)
    expect(byTestId('oa-input-files')?.textContent).toContain('最多只能上传 2 个文件')
    expect(byTestId('oa-input-files-upload')?.hasAttribute('disabled')).toBe(true)

    byTestId('oa-input-files-remove-0')!.click()
    await flushPromises()
    expect(data.value.files).toHaveLength(1)
  })

  it('shows each line as a card on a phone, with the same inputs and totals', async () => {
    setViewportWidth(390)
    lookups()
    const { data } = mountForm(everyType)
    await flushPromises()
    byTestId('oa-row-add-lines')!.click()
    await flushPromises()
    expect($('.oa-table__card')).not.toBeNull()
    expect($('.oa-table__grid')).toBeNull()
    await type('oa-input-lines-0-amount', '8', true)
    expect(data.value.lines).toEqual([{ item: '', amount: '8.00', km: null }])
    expect(byTestId('oa-total-lines-amount')?.textContent).toContain('¥8.00')
  })

  it('speaks English', async () => {
    i18n.global.locale.value = 'en'
    lookups()
    const { form } = mountForm(everyType)
    form.value!.validate()
    await flushPromises()
    expect(errorUnder('formData.reason')).toBe('Required')
    expect(byTestId('oa-row-add-lines')?.textContent).toContain('Add a line')
  })
})
