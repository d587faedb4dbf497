import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { CompanyProfile } from '@/api/platform/company'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { bodyText, mountView } from '@/testing/mount-view'
import CompanyView from './CompanyView.vue'

const profile: CompanyProfile = {
  id: '0190a000-0000-7000-8000-000000000001',
  name: '华东精工',
  legalName: '苏州华东精工机械有限公司',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  taxNumber: null,
  address: '星湖街 218 号',
  fiscalYearStartMonth: 4,
  version: 6,
  updatedAt: '2026-11-30T08:00:00.000Z',
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('CompanyView', () => {
  it('saves the editable fields with the version it read, and nothing the server would refuse as unknown', async () => {
    const server = fakeServer({
      'GET /api/v1/platform/company': () => jsonResponse(200, profile),
      'PATCH /api/v1/platform/company': () => jsonResponse(200, { ...profile, version: 7 }),
    })
    wrapper = mountView(CompanyView).wrapper
    await flushPromises()

    await wrapper.get('[data-testid="company-form"]').trigger('submit')
    await flushPromises()

    const [patch] = server.callsTo('PATCH /api/v1/platform/company')
    await expect(patch!.json()).resolves.toEqual({
      version: 6,
      name: '华东精工',
      legalName: '苏州华东精工机械有限公司',
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      taxNumber: null,
      address: '星湖街 218 号',
      fiscalYearStartMonth: 4,
    })
    await vi.waitFor(() => expect(bodyText()).toContain('已保存'))
  })
  it('keeps what was typed after a 409, shows the saved values beside it, and saves over them when asked', async () => {
    const theirs = { ...profile, address: '金鸡湖大道 88 号', version: 7 }
    const conflict = { type: 'about:blank', title: 'Conflict', status: 409, code: 'platform.version-conflict', detail: 'The company profile was changed by someone else' }
    let reads = 0
    const server = fakeServer({
      'GET /api/v1/platform/company': () => jsonResponse(200, reads++ === 0 ? profile : theirs),
      'PATCH /api/v1/platform/company': (request) =>
        request.json().then((body: { version: number }) =>
          body.version === 6 ? jsonResponse(409, conflict, 'application/problem+json') : jsonResponse(200, { ...theirs, name: '华东精工集团', version: 8 }),
        ),
    })
    wrapper = mountView(CompanyView).wrapper
    await flushPromises()
    const name = wrapper.get('[data-testid="company-form"] input')
    await name.setValue('华东精工集团')
    await wrapper.get('[data-testid="company-form"]').trigger('submit')
    await flushPromises()

    // The input stays; the alert offers the two ways on, and the changed field says what it is now.
    expect((name.element as HTMLInputElement).value).toBe('华东精工集团')
    expect(wrapper.get('[data-testid="company-conflict"]').text()).toContain('这条记录已被其他人修改')
    expect(wrapper.get('[data-testid="company-current-address"]').text()).toBe('现在的值：金鸡湖大道 88 号')
    expect(wrapper.get('[data-testid="company-current-name"]').text()).toBe('现在的值：华东精工')

    await wrapper.get('[data-testid="company-keep-mine"]').trigger('click')
    await flushPromises()
    const patches = server.callsTo('PATCH /api/v1/platform/company')
    expect(patches).toHaveLength(2)
    await expect(patches[1]!.json()).resolves.toMatchObject({ version: 7, name: '华东精工集团', address: '星湖街 218 号' })
    expect(wrapper.find('[data-testid="company-conflict"]').exists()).toBe(false)
  })

  it('loads the saved values after a 409 when the person chooses them', async () => {
    const theirs = { ...profile, address: '金鸡湖大道 88 号', version: 7 }
    let reads = 0
    fakeServer({
      'GET /api/v1/platform/company': () => jsonResponse(200, reads++ === 0 ? profile : theirs),
      'PATCH /api/v1/platform/company': () => jsonResponse(409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'platform.version-conflict' }, 'application/problem+json'),
    })
    wrapper = mountView(CompanyView).wrapper
    await flushPromises()
    await wrapper.get('[data-testid="company-form"]').trigger('submit')
    await flushPromises()
    await wrapper.get('[data-testid="company-load-current"]').trigger('click')
    await flushPromises()
    const inputs = wrapper.findAll('[data-testid="company-form"] input')
    expect(inputs.some((input) => (input.element as HTMLInputElement).value === '金鸡湖大道 88 号')).toBe(true)
    expect(wrapper.find('[data-testid="company-conflict"]').exists()).toBe(false)
  })
})
