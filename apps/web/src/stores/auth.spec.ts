import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { meFixture, meRoute } from '@/testing/me'
import { useAuthStore } from './auth'
import { useUserStore } from './user'

function freshStores() {
  setActivePinia(createPinia())
  return { auth: useAuthStore(), user: useUserStore() }
}

const tokens = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 }

describe('auth store', () => {
  it('keeps the session across a reload', async () => {
    fakeServer({
      'POST /api/v1/auth/login': () => jsonResponse(200, tokens),
      'GET /api/v1/me': meRoute(),
    })
    await freshStores().auth.signIn({ username: 'han.meimei', password: 'secret-password' })

    const { auth } = freshStores()
    expect(auth.isSignedIn).toBe(true)
    expect(auth.username).toBe('han.meimei')
    expect(auth.refreshToken).toBe('refresh-1')
  })

  it('loads the profile, permissions and the server menu right after signing in', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/login': () => jsonResponse(200, tokens),
      'GET /api/v1/me': meRoute(meFixture({ permissions: ['org:person:read'] })),
    })
    const { auth, user } = freshStores()

    await auth.signIn({ username: 'wang.fang', password: 'secret-password' })

    expect(server.callsTo('GET /api/v1/me')).toHaveLength(1)
    expect(user.profile?.department.name).toBe('综合管理部')
    expect(user.can('org:person:read')).toBe(true)
    expect(user.can('org:role:update')).toBe(false)
    expect(user.menus?.map((node) => node.key)).toEqual(['dashboard', 'org'])
  })

  it('signing out ends the session on the server and forgets everything here', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }) })
    const { auth, user } = freshStores()
    auth.keepTokens({ accessToken: 'a', refreshToken: 'r-7', expiresIn: 900 })
    user.applyAccess({ permissions: ['crm:contract:read'], menus: [] })

    await auth.signOut()

    await expect(server.callsTo('POST /api/v1/auth/logout')[0]!.json()).resolves.toEqual({ refreshToken: 'r-7' })
    expect(auth.isSignedIn).toBe(false)
    expect(user.permissions).toBeNull()
    expect(freshStores().auth.isSignedIn).toBe(false)
  })

  it('is signed out here even when the server cannot be told', async () => {
    fakeServer({ 'POST /api/v1/auth/logout': () => problemResponse(503, 'Service Unavailable') })
    const { auth } = freshStores()
    auth.keepTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 })

    await expect(auth.signOut()).rejects.toMatchObject({ status: 503 })
    expect(auth.isSignedIn).toBe(false)
    expect(freshStores().auth.isSignedIn).toBe(false)
  })

  it('ignores a saved session it cannot read', () => {
    localStorage.setItem('zhongshu.session', '{"accessToken": 42')
    expect(freshStores().auth.isSignedIn).toBe(false)
  })
})
