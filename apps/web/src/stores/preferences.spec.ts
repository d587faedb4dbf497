import { describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

// Fresh copies of the i18n module and the store: the shared test setup has already
// loaded English into its own copy, and these specs are about the first load.
async function freshModules() {
  vi.resetModules()
  const locales = await import('@/locales')
  const { usePreferencesStore } = await import('./preferences')
  setActivePinia(createPinia())
  return { locales, preferences: usePreferencesStore() }
}

describe('the interface language', () => {
  it('ships the default language and fetches the other one only when it is chosen', async () => {
    const { locales, preferences } = await freshModules()
    expect(locales.isLocaleLoaded('zh-CN')).toBe(true)
    expect(locales.isLocaleLoaded('en')).toBe(false)
    expect(locales.i18n.global.getLocaleMessage('en')).toEqual({})

    await preferences.setLocale('en')

    expect(locales.isLocaleLoaded('en')).toBe(true)
    expect(locales.i18n.global.locale.value).toBe('en')
    expect(locales.i18n.global.t('auth.submit')).toBe('Sign in')
    expect(locales.ELEMENT_LOCALES.en?.name).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('zhongshu.locale')).toBe('en')
  })

  it('keeps the last choice when an earlier one finishes loading after it', async () => {
    const { locales, preferences } = await freshModules()
    const english = preferences.setLocale('en')
    await preferences.setLocale('zh-CN')
    await english

    expect(preferences.locale).toBe('zh-CN')
    expect(locales.i18n.global.locale.value).toBe('zh-CN')
    expect(localStorage.getItem('zhongshu.locale')).toBe('zh-CN')
  })
})
