import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { testApp } from '@/testing/plugins'
import RecordMissing from './RecordMissing.vue'

describe('RecordMissing', () => {
  it('names what was not found, says why it may be so, and leads back to the dashboard when there is no page to go back to', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/dashboard', name: 'dashboard', component: { template: '<p>dashboard</p>' } },
        { path: '/crm/customers/:id', component: RecordMissing },
      ],
    })
    await router.push('/crm/customers/01a2336e-0000-7000-8000-000000000000')
    const { plugins } = testApp(router)
    const wrapper = mount(RecordMissing, { props: { title: '找不到这个客户' }, global: { plugins } })
    expect(wrapper.text()).toContain('找不到这个客户')
    expect(wrapper.text()).toContain('不在你的数据范围内')
    await wrapper.get('[data-testid="record-missing-back"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('dashboard')
  })
})
