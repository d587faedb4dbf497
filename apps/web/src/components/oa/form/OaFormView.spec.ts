import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { OaFormSchema } from '@zhongshu/contracts'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { testApp } from '@/testing/plugins'
import OaFormView from './OaFormView.vue'

const WANG = '0190a000-0000-7000-8000-000000000101'
const HIDDEN = '0190a000-0000-7000-8000-000000000999'
const OPS = '0190a000-0000-7000-8000-0000000000d2'

const schema: OaFormSchema = {
  fields: [
    { key: 'reason', label: '事由', type: 'textarea' },
    { key: 'distance', label: '距离', type: 'number', unit: '公里' },
    { key: 'amount', label: '金额', type: 'money' },
    { key: 'usd', label: '外币', type: 'money', currency: 'USD' },
    { key: 'day', label: '日期', type: 'date' },
    { key: 'trip', label: '用车时间', type: 'dateRange' },
    { key: 'car', label: '车型', type: 'select', options: [{ value: 'suv', label: 'SUV' }] },
    { key: 'needs', label: '需求', type: 'multiSelect', options: [{ value: 'driver', label: '司机' }, { value: 'seat', label: '儿童座椅' }] },
    { key: 'team', label: '同行人', type: 'person', multiple: true },
    { key: 'dept', label: '部门', type: 'department' },
    { key: 'files', label: '附件', type: 'attachment' },
    { key: 'note', label: '备注', type: 'text' },
    {
      key: 'lines',
      label: '明细',
      type: 'table',
      columns: [
        { key: 'item', label: '项目', type: 'text' },
        { key: 'amount', label: '金额', type: 'money' },
      ],
    },
  ],
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('OaFormView, a submitted form read only', () => {
  it('shows every type as a person reads it', async () => {
    const server = fakeServer({
      [`GET /api/v1/org/people/${WANG}`]: () => jsonResponse(200, { id: WANG, name: '王芳' }),
      [`GET /api/v1/org/people/${HIDDEN}`]: () => problemResponse(404, 'Not Found'),
      [`GET /api/v1/org/departments/${OPS}`]: () => jsonResponse(200, { id: OPS, name: '综合管理部' }),
    })
    wrapper = mount(OaFormView, {
      props: {
        schema,
        data: {
          reason: '接客户\n送机场',
          distance: 120.5,
          amount: '1234567.5',
          usd: '10.00',
          day: '2026-03-01',
          trip: { start: '2026-03-01', end: '2026-03-03' },
          car: 'suv',
          needs: ['driver', 'seat'],
          team: [WANG, HIDDEN, WANG],
          dept: OPS,
          files: [{ id: 'f1', name: 'invoice.pdf', size: 10 }],
          lines: [
            { item: '打车', amount: '0.10' },
            { item: '高铁', amount: '0.20' },
          ],
        },
      },
      global: { plugins: testApp().plugins },
    })
    await flushPromises()
    const shown = (key: string) => wrapper!.get(`[data-testid="oa-view-${key}"]`).text()
    expect(shown('reason')).toBe('接客户\n送机场')
    expect(shown('distance')).toBe('120.5 公里')
    expect(shown('amount')).toBe('¥1,234,567.50')
    expect(shown('usd')).toBe('$10.00')
    expect(shown('day')).toBe('2026-03-01')
    expect(shown('trip')).toBe('2026-03-01 至 2026-03-03')
    expect(shown('car')).toBe('SUV')
    expect(shown('needs')).toBe('司机、儿童座椅')
    // Someone outside the reader's scope stays unnamed; each person is asked for once.
    expect(shown('team')).toBe('王芳、—、王芳')
    expect(server.callsTo(`GET /api/v1/org/people/${WANG}`)).toHaveLength(1)
    expect(shown('dept')).toBe('综合管理部')
    // A file reads as its name and size, and is a link that downloads it.
    expect(wrapper.get('[data-testid="oa-view-files"] [data-testid="file-invoice.pdf"]').text()).toBe('invoice.pdf（10 B）')
    // The clip is an icon, not an emoji that a desktop without an emoji font draws as a box.
    expect(wrapper.find('[data-testid="file-invoice.pdf"] .attachment-link__icon svg').exists()).toBe(true)
    expect(shown('note')).toBe('—')
    expect(shown('lines')).toContain('打车')
    expect(wrapper.get('[data-testid="oa-view-total-lines-amount"]').text()).toBe('¥0.30')
  })
})
