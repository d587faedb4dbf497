import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fakeServer, problemResponse } from '@/testing/fake-server'
import { meFixture, meRoute } from '@/testing/me'
import { useUserStore } from './user'

describe('user store', () => {
  it('restricts nothing until /me has answered, then exactly what /me grants', async () => {
    fakeServer({ 'GET /api/v1/me': meRoute(meFixture({ permissions: ['org:person:read'] })) })
    setActivePinia(createPinia())
    const user = useUserStore()
    expect(user.can('org:role:update')).toBe(true)

    await user.load()

    expect(user.loaded).toBe(true)
    expect(user.can('org:person:read')).toBe(true)
    expect(user.can('org:role:update')).toBe(false)
    expect(user.can(['org:role:update', 'org:person:read'])).toBe(true)
  })

  it('accepts only declared permission codes', () => {
    setActivePinia(createPinia())
    const user = useUserStore()
    // @ts-expect-error 'org:persn:read' is not a declared PermissionCode: a typo does not compile.
    user.can('org:persn:read')
    // @ts-expect-error nor is a list holding one.
    user.can(['org:person:read', 'crm:contract:sing'])
    expect(user.can('org:person:read')).toBe(true)
  })

  it('asks /me once for callers that ask together', async () => {
    const server = fakeServer({ 'GET /api/v1/me': meRoute() })
    setActivePinia(createPinia())
    const user = useUserStore()

    await Promise.all([user.load(), user.load(), user.load()])

    expect(server.callsTo('GET /api/v1/me')).toHaveLength(1)
  })

  it('rejects when /me fails and stays unloaded', async () => {
    fakeServer({ 'GET /api/v1/me': () => problemResponse(500, 'Internal Server Error') })
    setActivePinia(createPinia())
    const user = useUserStore()

    await expect(user.load()).rejects.toMatchObject({ status: 500 })
    expect(user.loaded).toBe(false)
  })
})
