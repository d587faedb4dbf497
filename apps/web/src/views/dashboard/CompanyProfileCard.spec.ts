import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { useCompanyStore } from '@/stores/company'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { testApp } from '@/testing/plugins'
import CompanyProfileCard from './CompanyProfileCard.vue'

const profile = {
  id: '0190a000-0000-7000-8000-000000000001',
  name: '示例制造',
  legalName: '示例制造有限公司',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  version: 4,
  updatedAt: '2026-01-05T16:30:00.000Z',
}

async function mountLoadedCard() {
  const { plugins } = testApp()
  await useCompanyStore().load()
  const wrapper = mount(CompanyProfileCard, { global: { plugins } })
  await flushPromises()
  return wrapper
}

describe('CompanyProfileCard', () => {
  it('shows the profile, the update time in the company time zone', async () => {
    fakeServer({ 'GET /api/v1/platform/company': () => jsonResponse(200, profile) })
    const wrapper = await mountLoadedCard()

    expect(wrapper.get('[data-testid="company-profile-name"]').text()).toBe('示例制造')
    expect(wrapper.text()).toContain('示例制造有限公司')
    expect(wrapper.text()).toContain('CNY')
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(wrapper.text()).toMatch(/2026.*1.*6.*00:30/)
  })

  it('shows the server problem and loads again on retry', async () => {
    let failing = true
    fakeServer({
      'GET /api/v1/platform/company': () =>
        failing
          ? problemResponse(500, 'Internal Server Error', {
              detail: 'The company profile is not set up',
            })
          : jsonResponse(200, profile),
    })
    const wrapper = await mountLoadedCard()
    expect(wrapper.get('[data-testid="company-profile-failure"]').text()).toContain(
      'The company profile is not set up',
    )

    failing = false
    await wrapper.get('[data-testid="company-profile-failure"] button').trigger('click')
    await flushPromises()

    expect(wrapper.find('[data-testid="company-profile-failure"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="company-profile-name"]').text()).toBe('示例制造')
  })
})
