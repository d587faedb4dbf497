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
})
