import { ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_LOCALE, i18n, isAppLocale, isLocaleLoaded, loadLocale, type AppLocale } from '@/locales'

const LOCALE_KEY = 'zhongshu.locale'
const SIDEBAR_KEY = 'zhongshu.sidebarCollapsed'

/** The language saved on this browser; main.ts loads its messages before the first render. */
export function readSavedLocale(): AppLocale {
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

  /** The language asked for last: a slower download of an earlier choice must not win. */
  let wanted: AppLocale = locale.value

  /**
   * Switches the interface language: at once when its messages are here, otherwise as
   * soon as they have loaded (the page keeps the current language meanwhile).
   */
  async function setLocale(next: AppLocale): Promise<void> {
    wanted = next
    if (!isLocaleLoaded(next)) await loadLocale(next)
    if (wanted !== next) return
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
