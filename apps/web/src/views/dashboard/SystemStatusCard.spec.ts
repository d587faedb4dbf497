import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { fakeServer, jsonResponse } from '@/testing/fake-server'
import { testApp } from '@/testing/plugins'
import SystemStatusCard from './SystemStatusCard.vue'

async function mountCard() {
  const wrapper = mount(SystemStatusCard, { global: { plugins: testApp().plugins } })
  await flushPromises()
  return wrapper
}

describe('SystemStatusCard', () => {
  it('shows liveness with uptime and every readiness check with its own status', async () => {
    fakeServer({
      'GET /api/health': () => jsonResponse(200, { status: 'ok', uptimeSeconds: 93_784 }),
      'GET /api/ready': () =>
        jsonResponse(503, {
          status: 'error',
          checks: {
            database: { status: 'up', latencyMs: 2.6 },
            redis: { status: 'down', detail: 'connect ECONNREFUSED 127.0.0.1:6379' },
          },
        }),
    })
    const wrapper = await mountCard()

    const health = wrapper.get('[data-testid="health-status"]')
    expect(health.attributes('data-status')).toBe('ok')
    expect(health.text()).toBe('正常')
    expect(wrapper.get('[data-testid="health-uptime"]').text()).toBe('已运行 1 天 2 小时')

    expect(wrapper.get('[data-testid="readiness-status"]').attributes('data-status')).toBe('error')
    const database = wrapper.get('[data-testid="readiness-check-database"]')
    expect(database.attributes('data-status')).toBe('up')
    expect(database.text()).toContain('3 毫秒')
    const redis = wrapper.get('[data-testid="readiness-check-redis"]')
    expect(redis.attributes('data-status')).toBe('down')
    expect(redis.text()).toContain('不可用')
    expect(redis.text()).toContain('connect ECONNREFUSED 127.0.0.1:6379')
  })

  it('shows a degraded readiness (writes still taken, events waiting) as a warning, not an error', async () => {
    fakeServer({
      'GET /api/health': () => jsonResponse(200, { status: 'ok', uptimeSeconds: 5 }),
      'GET /api/ready': () =>
        jsonResponse(200, {
          status: 'degraded',
          checks: {
            database: { status: 'up', latencyMs: 1 },
            redis: { status: 'degraded', detail: 'connect ECONNREFUSED 127.0.0.1:6379' },
          },
        }),
    })
    const wrapper = await mountCard()
    const readiness = wrapper.get('[data-testid="readiness-status"]')
    expect(readiness.attributes('data-status')).toBe('degraded')
    expect(readiness.text()).toBe('降级')
    const redis = wrapper.get('[data-testid="readiness-check-redis"]')
    expect(redis.attributes('data-status')).toBe('degraded')
    expect(redis.text()).toContain('降级')
  })

  it('reports the API as down, with the reason, when it cannot be reached', async () => {
    fakeServer({
      'GET /api/health': () => Promise.reject(new TypeError('Failed to fetch')),
      'GET /api/ready': () => Promise.reject(new TypeError('Failed to fetch')),
    })
    const wrapper = await mountCard()

    expect(wrapper.get('[data-testid="health-status"]').attributes('data-status')).toBe('down')
    expect(wrapper.get('[data-testid="readiness-status"]').attributes('data-status')).toBe('error')
    expect(wrapper.text()).toContain('无法连接服务器')
  })

  it('probes again on refresh', async () => {
    let up = false
    fakeServer({
      'GET /api/health': () =>
        up
          ? jsonResponse(200, { status: 'ok', uptimeSeconds: 5 })
          : Promise.reject(new TypeError('Failed to fetch')),
      'GET /api/ready': () => jsonResponse(200, { status: 'ok', checks: {} }),
    })
    const wrapper = await mountCard()
    expect(wrapper.get('[data-testid="health-status"]').attributes('data-status')).toBe('down')

    up = true
    await wrapper.get('[data-testid="status-refresh"]').trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="health-status"]').attributes('data-status')).toBe('ok')
    expect(wrapper.get('[data-testid="health-uptime"]').text()).toBe('已运行 5 秒')
  })
})
