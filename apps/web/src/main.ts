import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { vAccess } from './directives/access'
import { i18n, loadLocale } from './locales'
import { createAppRouter } from './router'
import { installGuards } from './router/guard'
import { readSavedLocale, usePreferencesStore } from './stores/preferences'
import './styles/global.css'

// The saved language's messages come first (the default one ships in this script), so
// nothing, not even the tab's title, is shown in another language. Offline, the default
// language's texts stand in.
await loadLocale(readSavedLocale()).catch(() => undefined)

const app = createApp(App)
const pinia = createPinia()
const router = createAppRouter()

app.use(pinia)
app.use(i18n)
// Apply the saved language before the first render, not after it.
usePreferencesStore(pinia)
installGuards(router, pinia)
app.use(router)
app.directive('access', vAccess)

app.mount('#app')
