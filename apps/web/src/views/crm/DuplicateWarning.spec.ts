import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { testApp } from '@/testing/plugins'
import type { DuplicateMatch } from '@/api/crm/crm'
import DuplicateWarning from './DuplicateWarning.vue'

const match = (overrides: Partial<DuplicateMatch>): DuplicateMatch => ({ customerId: '0190a000-0000-7000-8000-000000000001', name: '苏州精工机械有限公司', ownerId: 'o', ownerName: '孙丽', inPool: false, matchedOn: ['name'], visible: true, ...overrides })

describe('DuplicateWarning', () => {
  it('says nothing without matches', () => {
    const wrapper = mount(DuplicateWarning, { props: { result: { matches: [], blocking: false } }, global: { plugins: testApp().plugins } })
    expect(wrapper.find('[data-testid="customer-duplicates"]').exists()).toBe(false)
  })

  it('lists each match with the keys it shares, its owner, and whether the person may open it', () => {
    const wrapper = mount(DuplicateWarning, {
      props: { result: { matches: [match({ matchedOn: ['name', 'phone'] }), match({ customerId: 'x', name: '他人的客户', ownerName: '何军', visible: false }), match({ customerId: 'y', name: '公海客户', ownerName: null, inPool: true })], blocking: false } },
      global: { plugins: testApp().plugins, stubs: { RouterLink: { template: '<a><slot /></a>' } } },
    })
    const text = wrapper.get('[data-testid="customer-duplicates"]').text()
    expect(text).toContain('苏州精工机械有限公司 · 名称、电话 · 负责人：孙丽')
    expect(text).toContain('他人的客户 · 名称 · 负责人：何军 （不在你的可见范围）')
    expect(text).toContain('公海客户 · 名称 · 公海')
    expect(text).toContain('请先确认')
  })

  it('says a credit code match cannot be saved', () => {
    const wrapper = mount(DuplicateWarning, { props: { result: { matches: [match({ matchedOn: ['creditCode'] })], blocking: true } }, global: { plugins: testApp().plugins, stubs: { RouterLink: { template: '<a><slot /></a>' } } } })
    expect(wrapper.text()).toContain('统一社会信用代码已登记')
  })
})
