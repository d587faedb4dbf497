import { describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { fetchCompanyProfile } from '@/api/platform/company'
import { useAuthStore } from '@/stores/auth'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { blankRouter, testApp } from '@/testing/plugins'
import { meFixture, meRoute } from '@/testing/me'
import { useUserStore } from '@/stores/user'
import { installAccessGuard, installSessionGuard, safeRedirectTarget } from './guard'

async function signedInAt(path: string) {
  const about = {
    path: '/about',
    name: 'about',
    component: { render: () => null },
    meta: { public: true },
  }
  const { router, pinia } = testApp(blankRouter([about]))
  installSessionGuard(router, pinia)
  useAuthStore().keepTokens({ accessToken: 'stale', refreshToken: 'spent', expiresIn: 900 })
  await router.push(path)
  return router
}

function refuseEverySession(): void {
  fakeServer({
    'GET /api/v1/platform/company': () => problemResponse(401, 'Unauthorized'),
    'POST /api/v1/auth/refresh': () => problemResponse(401, 'Unauthorized'),
  })
}

describe('session guard', () => {
  it('lets every page open without asking the server first', async () => {
    const server = fakeServer({})
    const router = await signedInAt('/dashboard?tab=status')

    expect(router.currentRoute.value.fullPath).toBe('/dashboard?tab=status')
    expect(server.fetchMock).not.toHaveBeenCalled()
  })

  it('sends the user to /login, with the way back, when the API refuses the session', async () => {
    refuseEverySession()
    const router = await signedInAt('/dashboard?tab=status')

    await expect(fetchCompanyProfile()).rejects.toMatchObject({ status: 401 })
    await flushPromises()

    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/dashboard?tab=status')
    expect(useAuthStore().isSignedIn).toBe(false)
  })

  it('stays on a public page, but still forgets the refused session', async () => {
    refuseEverySession()
    const router = await signedInAt('/about')

    await expect(fetchCompanyProfile()).rejects.toMatchObject({ status: 401 })
    await flushPromises()

    expect(router.currentRoute.value.name).toBe('about')
    expect(useAuthStore().isSignedIn).toBe(false)
  })
})

const Page = { render: () => null }

/** The app's two guards on a small route table, with or without a saved session. */
function guardedApp(session: 'signed-in' | 'anonymous') {
  const { router, pinia } = testApp(
    blankRouter([
      { path: '/org/roles', name: 'org-roles', component: Page, meta: { permission: 'org:role:read' } },
      { path: '/org/people', name: 'org-people', component: Page, meta: { permission: 'org:person:read' } },
      { path: '/forbidden', name: 'forbidden', component: Page },
      { path: '/about', name: 'about', component: Page, meta: { public: true } },
    ]),
  )
  if (session === 'signed-in') {
    useAuthStore().keepTokens({ accessToken: 'access-9', refreshToken: 'refresh-9', expiresIn: 900 })
  }
  installSessionGuard(router, pinia)
  installAccessGuard(router, pinia)
  return router
}

describe('access guard', () => {
  it('sends an anonymous visitor of a protected page to /login with the way back, asking no one', async () => {
    const server = fakeServer({})
    const router = guardedApp('anonymous')

    await router.push('/org/people?page=2')

    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/org/people?page=2')
    expect(server.fetchMock).not.toHaveBeenCalled()
  })

  it('lets anyone open a public page', async () => {
    fakeServer({})
    const router = guardedApp('anonymous')
    await router.push('/about')
    expect(router.currentRoute.value.name).toBe('about')
  })

  it('loads /me once with the saved session before the first page, then opens it', async () => {
    const server = fakeServer({ 'GET /api/v1/me': meRoute() })
    const router = guardedApp('signed-in')

    await router.push('/org/people')
    await router.push('/dashboard')

    expect(router.currentRoute.value.name).toBe('dashboard')
    const calls = server.callsTo('GET /api/v1/me')
    expect(calls).toHaveLength(1)
    expect(calls[0]!.headers.get('Authorization')).toBe('Bearer access-9')
    expect(useUserStore().profile?.name).toBe('王芳')
  })

  it('downloads the lazy page while /me is still on its way, not after it', async () => {
    let answerMe: (response: Response) => void = () => undefined
    fakeServer({ 'GET /api/v1/me': () => new Promise<Response>((resolve) => (answerMe = resolve)) })
    const lazyPage = vi.fn(async () => Page)
    const { router, pinia } = testApp(blankRouter([{ path: '/org/people', name: 'org-people', component: lazyPage }]))
    useAuthStore().keepTokens({ accessToken: 'access-9', refreshToken: 'refresh-9', expiresIn: 900 })
    installAccessGuard(router, pinia)

    const opening = router.push('/org/people')
    await flushPromises()
    expect(lazyPage).toHaveBeenCalled()
    expect(router.currentRoute.value.name).not.toBe('org-people')

    answerMe(jsonResponse(200, meFixture()))
    await opening
    expect(router.currentRoute.value.name).toBe('org-people')
  })

  it('shows the denied view for a page whose permission the user lacks', async () => {
    fakeServer({ 'GET /api/v1/me': meRoute(meFixture({ permissions: ['org:person:read'] })) })
    const router = guardedApp('signed-in')

    await router.push('/org/roles')

    expect(router.currentRoute.value.name).toBe('forbidden')
    expect(router.currentRoute.value.query.from).toBe('/org/roles')
  })

  it('goes to /login when /me refuses the saved session and refreshing cannot help', async () => {
    const server = fakeServer({
      'GET /api/v1/me': () => problemResponse(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => problemResponse(401, 'Unauthorized'),
    })
    const router = guardedApp('signed-in')

    await router.push('/org/people')
    await flushPromises()

    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1)
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/org/people')
    expect(useAuthStore().isSignedIn).toBe(false)
  })

  it('sends a signed-in user away from /login, to where the redirect says', async () => {
    fakeServer({ 'GET /api/v1/me': meRoute() })
    const router = guardedApp('signed-in')

    await router.push('/login?redirect=/org/people')

    expect(router.currentRoute.value.fullPath).toBe('/org/people')
  })
})

describe('safeRedirectTarget', () => {
  it.each([
    ['/crm/contracts?status=draft', '/crm/contracts?status=draft'],
    [['/dashboard', '/other'], '/dashboard'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    [undefined, '/'],
  ])('%j -> %s', (value, expected) => {
    expect(safeRedirectTarget(value)).toBe(expected)
  })
})
