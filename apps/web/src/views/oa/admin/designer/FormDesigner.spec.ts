import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import draggable from 'vuedraggable'
import type { OaField, OaFormSchema } from '@zhongshu/contracts'
import type { FieldError } from '@/api/problem'
import { i18n } from '@/locales'
import { testApp } from '@/testing/plugins'
import FormDesigner from './FormDesigner.vue'

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

function mountDesigner(initial: OaFormSchema = { fields: [] }, errors: FieldError[] = [], usedKeys = new Set<string>()) {
  const schema = ref(initial)
  const renames: [string, string][] = []
  const Host = defineComponent({
    setup: () => () =>
      h(FormDesigner, {
        modelValue: schema.value,
        errors,
        usedKeys,
        'onUpdate:modelValue': (next: OaFormSchema) => (schema.value = next),
        onRenameKey: (from: string, to: string) => renames.push([from, to]),
      }),
  })
  wrapper = mount(Host, { global: { plugins: testApp().plugins }, attachTo: document.body })
  return { schema, renames, wrapper }
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
async function click(id: string): Promise<void> {
  const element = byTestId(id)
  if (element === null) throw new Error(`no ${id}`)
  element.click()
  await flushPromises()
}
function textBox(id: string): HTMLInputElement {
  const element = byTestId(id)!
  return element instanceof HTMLInputElement ? element : element.querySelector('input')!
}
async function type(id: string, text: string): Promise<void> {
  const input = textBox(id)
  input.value = text
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

const keys = (schema: { value: OaFormSchema }) => schema.value.fields.map((field) => field.key)

describe('FormDesigner', () => {
  it('adds fields from the palette after the selected one, each with a unique key', async () => {
    const { schema } = mountDesigner()
    await click('palette-dateRange')
    await click('palette-number')
    expect(schema.value.fields.map((field) => field.type)).toEqual(['dateRange', 'number'])
    expect(keys(schema)).toEqual(['riQiQuJian', 'shuZi'])
    // The new field is selected, so the next one goes right after it.
    await click('form-field-riQiQuJian')
    await click('palette-number')
    expect(keys(schema)).toEqual(['riQiQuJian', 'shuZi2', 'shuZi'])
  })

  it('reorders with the buttons beside every field, and deletes', async () => {
    const { schema } = mountDesigner()
    await click('palette-text')
    await click('palette-money')
    await click('palette-date')
    expect(byTestId('form-field-up-danHangWenBen')?.hasAttribute('disabled')).toBe(true)
    await click('form-field-down-danHangWenBen')
    expect(keys(schema)).toEqual(['jinE', 'danHangWenBen', 'riQi'])
    await click('form-field-up-riQi')
    expect(keys(schema)).toEqual(['jinE', 'riQi', 'danHangWenBen'])
    await click('form-field-remove-riQi')
    expect(keys(schema)).toEqual(['jinE', 'danHangWenBen'])
  })

  it('takes a field dropped from the palette and a new order dropped in the list', async () => {
    const { schema, wrapper } = mountDesigner({ fields: [{ key: 'a', label: 'A', type: 'text' }, { key: 'b', label: 'B', type: 'text' }] })
    const [palette, list] = wrapper.findAllComponents(draggable)
    // What SortableJS makes vuedraggable emit for a drop: the palette's clone, then the list's new value.
    const dropped = (palette!.props('clone') as (type: string) => OaField)('money')
    list!.vm.$emit('update:modelValue', [schema.value.fields[0], dropped, schema.value.fields[1]])
    list!.vm.$emit('change', { added: { element: dropped, newIndex: 1 } })
    await flushPromises()
    expect(keys(schema)).toEqual(['a', 'jinE', 'b'])
    expect(byTestId('form-field-jinE')?.classList.contains('form-designer__field--selected')).toBe(true)
    list!.vm.$emit('update:modelValue', [schema.value.fields[2], schema.value.fields[0], schema.value.fields[1]])
    await flushPromises()
    expect(keys(schema)).toEqual(['b', 'a', 'jinE'])
  })

  it('edits a field: the key follows the label by pinyin until edited, and a renamed key is announced', async () => {
    const { schema, renames } = mountDesigner()
    await click('palette-number')
    await type('field-settings-label', '距离')
    expect(schema.value.fields[0]).toMatchObject({ label: '距离', key: 'juLi' })
    await type('field-settings-key', 'distance')
    await type('field-settings-label', '行驶距离')
    expect(schema.value.fields[0]).toMatchObject({ label: '行驶距离', key: 'distance' })
    expect(renames).toEqual([
      ['shuZi', 'juLi'],
      ['juLi', 'distance'],
    ])
    await type('field-settings-unit', '公里')
    ;(byTestId('field-settings-required')!.querySelector('input') as HTMLInputElement).click()
    await flushPromises()
    expect(schema.value.fields[0]).toMatchObject({ unit: '公里', required: true, precision: 0 })
  })

  it('refuses a key in use, edits options of a choice and columns of a table', async () => {
    const { schema } = mountDesigner({ fields: [{ key: 'reason', label: '事由', type: 'text' }] })
    await click('palette-select')
    await type('field-settings-key', 'reason')
    expect(byTestId('field-settings')?.textContent).toContain('这个标识已被其他字段使用')
    await type('field-settings-key', 'car')
    await click('field-settings-add-option')
    await type('field-settings-option-2-label', '面包车')
    await click('field-settings-option-2-up')
    expect(schema.value.fields[1]).toMatchObject({ options: [{ value: 'option1' }, { value: 'option3', label: '面包车' }, { value: 'option2' }] })

    await click('palette-table')
    await click('field-settings-add-column')
    const table = () => schema.value.fields[2] as Extract<OaField, { type: 'table' }>
    expect(table().columns.map((column) => column.type)).toEqual(['text', 'text'])
    await type('field-settings-column-1-settings-label', '金额')
    expect(table().columns[1]).toMatchObject({ label: '金额', key: 'jinE' })
    await click('field-settings-column-1-up')
    expect(table().columns.map((column) => column.key)).toEqual(['jinE', 'danHangWenBen'])
  })

  it('asks before deleting a field the process uses', async () => {
    const { schema } = mountDesigner({ fields: [{ key: 'distance', label: '距离', type: 'number' }] }, [], new Set(['distance']))
    await click('form-field-remove-distance')
    expect(document.body.textContent).toContain('流程中的条件或审批人用到了“距离”')
    const keep = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((button) => button.textContent?.includes('取消'))!
    keep.click()
    await flushPromises()
    expect(keys(schema)).toEqual(['distance'])
  })

  it('shows publish errors on the field, its column, and the rest above', async () => {
    mountDesigner(
      {
        fields: [
          { key: 'distance', label: '距离', type: 'number' },
          { key: 'lines', label: '明细', type: 'table', columns: [{ key: 'amount', label: '金额', type: 'money' }] },
        ],
      },
      [
        { field: 'form.distance', message: 'min is more than max' },
        { field: 'form.lines.amount', message: 'min must be an amount' },
        { field: 'form', message: 'has more than 100 fields' },
      ],
    )
    await flushPromises()
    expect(byTestId('form-field-distance')?.classList.contains('form-designer__field--invalid')).toBe(true)
    expect(byTestId('form-error-distance')?.textContent?.trim()).toBe('min is more than max')
    expect(byTestId('form-error-lines')?.textContent?.trim()).toBe('min must be an amount')
    expect(byTestId('form-other-errors')?.textContent).toContain('has more than 100 fields')
    await click('form-field-lines')
    expect(byTestId('field-settings-errors')?.textContent).toContain('min must be an amount')
  })

  it('previews the form as the applicant sees it, rules included', async () => {
    mountDesigner({ fields: [{ key: 'reason', label: '事由', type: 'text', required: true }] })
    await click('form-preview')
    expect(byTestId('form-preview-dialog')?.textContent).toContain('事由')
    await click('form-preview-check')
    expect(byTestId('oa-error-reason')?.textContent?.trim()).toBe('必填')
  })

  it('speaks English', async () => {
    i18n.global.locale.value = 'en'
    const { schema } = mountDesigner()
    await click('palette-money')
    expect(schema.value.fields[0]).toMatchObject({ label: 'Amount', key: 'amount' })
  })
})
