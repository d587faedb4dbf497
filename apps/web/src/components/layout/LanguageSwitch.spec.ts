import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/locales'
import { usePreferencesStore } from '@/stores/preferences'
import { testApp } from '@/testing/plugins'
import AppHeader from './AppHeader.vue'

async function mountHeader() {
  const { plugins } = testApp()
  const wrapper = mount(AppHeader, { global: { plugins }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

async function chooseLanguage(code: string): Promise<void> {
  document.querySelector<HTMLElement>('[data-testid="lang-switch"]')?.click()
  // The menu is built when it opens (not persistent), a tick or two after the click.
  const option = await vi.waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[data-testid="lang-option-${code}"]`)
    if (found === null) throw new Error(`no language option ${code} in the open dropdown`)
    return found
  })
  option.click()
  await flushPromises()
}

describe('language switch', () => {
  it('starts in Chinese and switches the whole header to English', async () => {
    const wrapper = await mountHeader()
    expect(wrapper.get('[data-testid="lang-switch"]').text()).toBe('简体中文')
    expect(wrapper.get('[data-testid="company-name"]').text()).toBe('中枢')
    expect(wrapper.get('[data-testid="sign-in"]').text()).toBe('登录')

    await chooseLanguage('en')

    expect(wrapper.get('[data-testid="lang-switch"]').text()).toBe('English')
    expect(wrapper.get('[data-testid="company-name"]').text()).toBe('Zhongshu')
    expect(wrapper.get('[data-testid="sign-in"]').text()).toBe('Sign in')
    expect(document.documentElement.lang).toBe('en')
    wrapper.unmount()
  })

  it('remembers the choice for the next visit', async () => {
    const wrapper = await mountHeader()
    await chooseLanguage('en')
    wrapper.unmount()
    expect(localStorage.getItem('zhongshu.locale')).toBe('en')

    // A new visit: fresh stores, i18n back at its default until the store applies the choice.
    i18n.global.locale.value = 'zh-CN'
    testApp()
    expect(usePreferencesStore().locale).toBe('en')
    expect(i18n.global.locale.value).toBe('en')
  })
})
