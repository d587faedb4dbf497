import { beforeEach } from 'vitest'
import { disconnectSession } from '@/api/request'
import { DEFAULT_LOCALE, i18n, loadLocale } from '@/locales'
import { setViewportWidth } from './viewport'

// The app loads the other language when someone chooses it; specs switch i18n's locale
// directly, so its messages are here from the start.
await loadLocale('en')

// Each test starts from a fresh browser state: no saved session or preferences, the
// default language, a desktop-sized window, and a request client bound to no session.
beforeEach(() => {
  localStorage.clear()
  i18n.global.locale.value = DEFAULT_LOCALE
  setViewportWidth(1280)
  disconnectSession()
})
