import { beforeEach } from 'vitest'
import { disconnectSession } from '@/api/request'
import { DEFAULT_LOCALE, i18n } from '@/locales'

// Each test starts from a fresh browser state: no saved session or preferences, the
// default language, and a request client bound to no session.
beforeEach(() => {
  localStorage.clear()
  i18n.global.locale.value = DEFAULT_LOCALE
  disconnectSession()
})
