import { watch } from 'vue'
import type { Pinia } from 'pinia'
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import { connectSession } from '@/api/request'
import { i18n } from '@/locales'
import { showProblem } from '@/api/show-problem'
import { useAuthStore } from '@/stores/auth'
import { useUserStore } from '@/stores/user'

/**
 * Where to go after signing in. Only paths inside this app are accepted, so a crafted
 * `?redirect=https://evil.example` cannot send a fresh session elsewhere.
 */
export function safeRedirectTarget(value: unknown): string {
  const target = Array.isArray(value) ? value[0] : value
  if (typeof target !== 'string') return '/'
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/'
  return target
}

export function loginLocationFor(route: RouteLocationNormalized): RouteLocationRaw {
  return { name: 'login', query: { redirect: route.fullPath } }
}

// True while a navigation is being decided. A 401 from /me inside the access guard
// must not start a second navigation: the guard itself answers with /login.
let navigating = false

/**
 * Connects the request client to the session. When the API refuses the session for
 * good (and refreshing once could not help), the session is forgotten and, unless the
 * page is public, the user goes to /login with the way back.
 */
export function installSessionGuard(router: Router, pinia: Pinia): void {
  const auth = useAuthStore(pinia)
  connectSession({
    accessToken: () => auth.accessToken,
    refreshToken: () => auth.refreshToken,
    renew: (tokens) => auth.keepTokens(tokens),
    expire: () => {
      auth.forget()
      if (navigating) return
      const current = router.currentRoute.value
      if (current.meta.public === true) return
      void router.replace(loginLocationFor(current))
    },
  })
}

/**
 * Starts downloading the lazy page chunks of `route` (the shell, the page) now. The
 * router would only ask for them after the guard below has loaded /me; started here,
 * both travel at once. The router's own later call finds the modules already loading.
 */
function preloadPages(route: RouteLocationNormalized): void {
  for (const record of route.matched) {
    for (const component of Object.values(record.components ?? {})) {
      // A lazy page is a plain function; a component (even a functional one) is marked.
      if (typeof component !== 'function' || 'displayName' in component || 'props' in component || '__vccOpts' in component) continue
      void (component as () => Promise<unknown>)().catch(() => undefined)
    }
  }
}

/**
 * Decides every navigation up front: anonymous users go to /login for anything not
 * public, a signed-in user's profile and permissions (GET /me) are loaded before the
 * first page, and a page whose `meta.permission` the user lacks shows the denied view.
 * Hiding is a courtesy: the server still checks every call.
 */
export function installAccessGuard(router: Router, pinia: Pinia): void {
  const auth = useAuthStore(pinia)
  const user = useUserStore(pinia)
  router.beforeEach(async (to) => {
    if (to.name === 'login') return auth.isSignedIn ? safeRedirectTarget(to.query.redirect) : true
    if (to.meta.public === true) return true
    if (!auth.isSignedIn) return loginLocationFor(to)
    if (!user.loaded) {
      navigating = true
      // /me first: on a phone's few connections it must not queue behind the chunks.
      const loading = user.load()
      preloadPages(to)
      try {
        await loading
      } catch (error) {
        // A refused session has already been forgotten by the request client.
        if (!auth.isSignedIn) return loginLocationFor(to)
        // Anything else (offline, a server fault) is shown; the page's own calls say more.
        showProblem(error)
      } finally {
        navigating = false
      }
    }
    const permission = to.meta.permission
    if (permission !== undefined && !user.can(permission)) {
      return { name: 'forbidden', query: { from: to.fullPath } }
    }
    return true
  })
}

function pageTitle(route: RouteLocationNormalized): string {
  const { t } = i18n.global
  const app = t('app.name')
  return route.meta.titleKey === undefined ? app : `${t(route.meta.titleKey)} · ${app}`
}

/** Keeps the browser tab's title on the current page, in the current language. */
export function installTitleSync(router: Router): void {
  router.afterEach((to) => {
    document.title = pageTitle(to)
  })
  watch(i18n.global.locale, () => {
    document.title = pageTitle(router.currentRoute.value)
  })
}

export function installGuards(router: Router, pinia: Pinia): void {
  installSessionGuard(router, pinia)
  installAccessGuard(router, pinia)
  installTitleSync(router)
}
