import { ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_LOCALE, i18n, isAppLocale, type AppLocale } from '@/locales'

const LOCALE_KEY = 'zhongshu.locale'
const SIDEBAR_KEY = 'zhongshu.sidebarCollapsed'

function readSavedLocale(): AppLocale {
  const saved = localStorage.getItem(LOCALE_KEY)
  return isAppLocale(saved) ? saved : DEFAULT_LOCALE
}

function applyLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}

/** Choices one person made on this browser; kept in localStorage, not on the server. */
export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<AppLocale>(readSavedLocale())
  const sidebarCollapsed = ref(localStorage.getItem(SIDEBAR_KEY) === 'true')

  applyLocale(locale.value)

  function setLocale(next: AppLocale): void {
    locale.value = next
    localStorage.setItem(LOCALE_KEY, next)
    applyLocale(next)
  }

  function toggleSidebar(): void {
    sidebarCollapsed.value = !sidebarCollapsed.value
  }

  watch(sidebarCollapsed, (collapsed) => localStorage.setItem(SIDEBAR_KEY, String(collapsed)))

  return { locale, sidebarCollapsed, setLocale, toggleSidebar }
})
