import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { vAccess } from './directives/access'
import { i18n } from './locales'
import { createAppRouter } from './router'
import { installGuards } from './router/guard'
import { usePreferencesStore } from './stores/preferences'
import './styles/global.css'

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
