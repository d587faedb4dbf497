import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { ElInput } from 'element-plus'
import { ApiError } from '@/api/problem'
import { testApp } from '@/testing/plugins'
import { setViewportWidth } from '@/testing/viewport'
import FormDialog from './FormDialog.vue'
import FormField from './FormField.vue'
import { useFormDialog, type CurrentRecord, type FormDialogModel } from './use-form-dialog'

interface Order {
  name: string
  lines: { quantity: string }[]
}

const blank = (): Order => ({ name: '', lines: [{ quantity: '' }, { quantity: '' }] })

interface Calls {
  save: ReturnType<typeof vi.fn<(values: Order, version: number | null) => Promise<Order>>>
  current?: () => Promise<CurrentRecord<Order>>
}

let form: FormDialogModel<Order>
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

/** A form as a page declares it: the name and the quantity of each line. */
function mountForm(calls: Calls) {
  const Page = defineComponent({
    setup() {
      form = useFormDialog(blank, { save: calls.save, ...(calls.current ? { current: calls.current } : {}) })
      return () =>
        h(FormDialog<Order>, { form, title: '订单', testId: 'order-form', saveTestId: 'order-save' }, {
          default: () => [
            h(FormField, { path: 'name', label: '名称' }, () =>
              h(ElInput, {
                modelValue: form.values.name,
                'onUpdate:modelValue': (value: string) => (form.values.name = value),
                'data-testid': 'order-name',
              }),
            ),
            ...form.values.lines.map((line, index) =>
              h(FormField, { path: `lines[${index}].quantity`, label: `数量 ${index + 1}` }, () =>
                h(ElInput, {
                  modelValue: line.quantity,
                  'onUpdate:modelValue': (value: string) => (line.quantity = value),
                  'data-testid': `order-quantity-${index}`,
                }),
              ),
            ),
          ],
        })
    },
  })
  const { plugins } = testApp()
  wrapper = mount(Page, { global: { plugins }, attachTo: document.body })
}

const $ = <T extends HTMLElement = HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`)

async function type(testId: string, text: string): Promise<void> {
  const input = $<HTMLInputElement>(testId)!
  input.value = text
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function openWith(values: Order, version: number | null = 3): Promise<void> {
  form.open(values, version)
  await flushPromises()
}

const conflict = () =>
  new ApiError({ type: 'about:blank', title: 'Conflict', status: 409, code: 'platform.version-conflict', detail: 'changed by someone else' })

describe('FormDialog + useFormDialog', () => {
  it('puts the cursor in the first field and saves on Enter, with the version it read', async () => {
    const save = vi.fn(async (values: Order) => values)
    mountForm({ save })
    await openWith({ name: '旧名', lines: [{ quantity: '1' }, { quantity: '2' }] }, 7)

    await vi.waitFor(() => expect(document.activeElement).toBe($('order-name')))
    await type('order-quantity-1', '5')
    $('order-quantity-1')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()

    expect(save).toHaveBeenCalledWith({ name: '旧名', lines: [{ quantity: '1' }, { quantity: '5' }] }, 7)
    expect(form.isOpen.value).toBe(false)
  })

  it('does not save on the Enter that confirms an input method\'s characters', async () => {
    const save = vi.fn(async (values: Order) => values)
    mountForm({ save })
    await openWith(blank())

    $('order-name')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, isComposing: true }))
    await flushPromises()
    expect(save).not.toHaveBeenCalled()
  })

  it('locks the form while saving: fields and cancel disabled, a second save ignored', async () => {
    let finish!: (order: Order) => void
    const save = vi.fn(() => new Promise<Order>((resolve) => (finish = resolve)))
    mountForm({ save })
    await openWith(blank())

    $('order-save')!.click()
    await flushPromises()
    expect($<HTMLInputElement>('order-name')!.disabled).toBe(true)
    expect($<HTMLButtonElement>('order-form-cancel')!.disabled).toBe(true)
    $('order-save')!.click()
    await flushPromises()
    expect(save).toHaveBeenCalledTimes(1)

    finish(blank())
    await flushPromises()
    expect(form.isOpen.value).toBe(false)
  })

  it('puts the server\'s errors under their fields by path and lists those of fields it does not show', async () => {
    const save = vi.fn(async (): Promise<Order> => {
      throw new ApiError({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request has invalid fields',
        errors: [
          { field: 'lines[1].quantity', message: 'must be a decimal with at most 4 places' },
          { field: 'customerId', message: 'must be a UUID' },
        ],
      })
    })
    mountForm({ save })
    await openWith(blank())

    $('order-save')!.click()
    await flushPromises()
    await vi.waitFor(() =>
      expect(document.querySelector('[data-field="lines[1].quantity"] .el-form-item__error')?.textContent).toContain('at most 4 places'),
    )
    expect(document.querySelector('[data-field="lines[0].quantity"] .el-form-item__error')).toBeNull()
    const unlisted = $('order-form-unlisted')!.textContent
    expect(unlisted).toContain('customerId')
    expect(unlisted).toContain('must be a UUID')
    expect(unlisted).not.toContain('at most 4 places')
    expect(form.isOpen.value).toBe(true)
  })

  it('on a 409 keeps what the person typed, shows the current values beside it, and saves theirs over the new version', async () => {
    const save = vi.fn<(values: Order, version: number | null) => Promise<Order>>().mockRejectedValueOnce(conflict()).mockImplementation(async (values) => values)
    const current = vi.fn(async () => ({ values: { name: '别人的名字', lines: [{ quantity: '1' }, { quantity: '2' }] }, version: 8 }))
    mountForm({ save, current })
    await openWith({ name: '旧名', lines: [{ quantity: '1' }, { quantity: '2' }] }, 7)

    await type('order-name', '我的名字')
    $('order-save')!.click()
    await flushPromises()

    expect(form.isOpen.value).toBe(true)
    expect($<HTMLInputElement>('order-name')!.value).toBe('我的名字')
    expect($('order-form-conflict')).not.toBeNull()
    expect($('current-name')!.textContent).toContain('别人的名字')
    // Unchanged by the other person: nothing shown beside it.
    expect($('current-lines[0].quantity')).toBeNull()

    $('order-form-keep-mine')!.click()
    await flushPromises()
    expect(save).toHaveBeenLastCalledWith({ name: '我的名字', lines: [{ quantity: '1' }, { quantity: '2' }] }, 8)
    expect(form.isOpen.value).toBe(false)
  })

  it('on a 409 can load the current values and version instead', async () => {
    const save = vi.fn<(values: Order, version: number | null) => Promise<Order>>().mockRejectedValueOnce(conflict()).mockImplementation(async (values) => values)
    mountForm({ save, current: async () => ({ values: { name: '别人的名字', lines: [{ quantity: '9' }, { quantity: '2' }] }, version: 8 }) })
    await openWith({ name: '旧名', lines: [{ quantity: '1' }, { quantity: '2' }] }, 7)
    await type('order-name', '我的名字')
    $('order-save')!.click()
    await flushPromises()

    $('order-form-load-current')!.click()
    await flushPromises()
    expect($<HTMLInputElement>('order-name')!.value).toBe('别人的名字')
    expect($<HTMLInputElement>('order-quantity-0')!.value).toBe('9')
    expect($('order-form-conflict')).toBeNull()
    expect(form.dirty.value).toBe(false)
    expect(form.version.value).toBe(8)
  })

  it('asks before dropping unsaved changes, and closes at once when there are none', async () => {
    mountForm({ save: vi.fn(async (values: Order) => values) })
    await openWith(blank())
    $('order-form-cancel')!.click()
    await flushPromises()
    expect(form.isOpen.value).toBe(false)
    expect(document.querySelector('.el-message-box')).toBeNull()

    await openWith(blank())
    await type('order-name', '半截')
    $('order-form-cancel')!.click()
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    // The newest box: a closed one may linger in the document while it fades out.
    const button = (label: string) =>
      [...document.querySelectorAll<HTMLElement>('.el-message-box__btns button')].filter((b) => b.textContent?.includes(label)).at(-1)!
    button('继续编辑').click()
    await flushPromises()
    expect(form.isOpen.value).toBe(true)
    expect($<HTMLInputElement>('order-name')!.value).toBe('半截')

    const boxes = document.querySelectorAll('.el-message-box').length
    $('order-form-cancel')!.click()
    await vi.waitFor(() => expect(document.querySelectorAll('.el-message-box').length).toBeGreaterThan(boxes))
    button('放弃修改').click()
    await vi.waitFor(() => expect(form.isOpen.value).toBe(false))
  })

  it('goes full screen on a phone', async () => {
    setViewportWidth(390)
    mountForm({ save: vi.fn(async (values: Order) => values) })
    await openWith(blank())
    expect(document.querySelector('.el-dialog')!.classList).toContain('is-fullscreen')
  })
})
