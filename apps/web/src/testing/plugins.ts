import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router, type RouteRecordRaw } from 'vue-router'
import { defineComponent } from 'vue'
import { i18n } from '@/locales'

const Blank = defineComponent({ name: 'BlankPage', render: () => null })

/** A router with stand-in pages, for components that link or read the route. */
export function blankRouter(extra: RouteRecordRaw[] = []): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/login', name: 'login', component: Blank, meta: { public: true } },
      { path: '/dashboard', name: 'dashboard', component: Blank },
      ...extra,
    ],
  })
}

export interface TestApp {
  pinia: Pinia
  router: Router
  plugins: [Pinia, typeof i18n, Router]
}

/** A fresh Pinia (made active, so stores work outside components too) with i18n and a router. */
export function testApp(router: Router = blankRouter()): TestApp {
  const pinia = createPinia()
  setActivePinia(pinia)
  return { pinia, router, plugins: [pinia, i18n, router] }
}
