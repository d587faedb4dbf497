import { beforeEach, describe, expect, it } from 'vitest'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { login } from './auth/session'
import type { TokenPair } from './request'
import { fetchCompanyProfile } from './platform/company'
import { fetchReadiness } from './platform/health'
import { ApiError } from './problem'
import { connectSession, type SessionPort } from './request'

const company = {
  id: '0190a000-0000-7000-8000-000000000001',
  name: '示例制造',
  legalName: '示例制造有限公司',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  version: 3,
  updatedAt: '2026-01-05T08:00:00.000Z',
}

/** The session as the auth store would keep it, with a count of how often it ended. */
class MemorySession implements SessionPort {
  expirations = 0
  constructor(
    public access: string | null,
    public refresh: string | null,
  ) {}
  accessToken = () => this.access
  refreshToken = () => this.refresh
  renew = (tokens: TokenPair) => {
    this.access = tokens.accessToken
    this.refresh = tokens.refreshToken
  }
  expire = () => {
    this.expirations += 1
    this.access = null
    this.refresh = null
  }
}

const renewedPair: TokenPair = {
  accessToken: 'access-2',
  refreshToken: 'refresh-2',
  expiresIn: 900,
}

function bearerOf(request: Request): string | null {
  return request.headers.get('Authorization')
}

/** Answers the company profile only to the renewed token, as the server would. */
function companyForRenewedToken(request: Request): Response {
  return bearerOf(request) === 'Bearer access-2'
    ? jsonResponse(200, company)
    : problemResponse(401, 'Unauthorized', { detail: 'The access token has expired' })
}

describe('request client', () => {
  let session: MemorySession

  beforeEach(() => {
    session = new MemorySession('access-1', 'refresh-1')
    connectSession(session)
  })

  it('attaches the session access token as a bearer token', async () => {
    const server = fakeServer({ 'GET /api/v1/platform/company': () => jsonResponse(200, company) })

    await expect(fetchCompanyProfile()).resolves.toEqual(company)
    expect(bearerOf(server.requests[0]!)).toBe('Bearer access-1')
  })

  it('sends no Authorization header when there is no session', async () => {
    connectSession(new MemorySession(null, null))
    const server = fakeServer({ 'GET /api/v1/platform/company': () => jsonResponse(200, company) })

    await expect(fetchCompanyProfile()).resolves.toEqual(company)
    expect(bearerOf(server.requests[0]!)).toBeNull()
  })

  it('turns a problem+json 400 into an ApiError carrying the field errors', async () => {
    fakeServer({
      'POST /api/v1/auth/login': () =>
        problemResponse(400, 'Bad Request', {
          detail: 'The request has invalid fields',
          requestId: 'req-7',
          errors: [
            { field: 'username', message: 'username must not be empty' },
            { field: 'password', message: 'password must be at least 8 characters' },
          ],
        }),
    })

    const failure = await login({ username: '', password: 'short' }).catch(
      (error: unknown) => error,
    )

    expect(failure).toBeInstanceOf(ApiError)
    const apiError = failure as ApiError
    expect(apiError.status).toBe(400)
    expect(apiError.message).toBe('The request has invalid fields')
    expect(apiError.problem.requestId).toBe('req-7')
    expect(apiError.fieldErrors).toEqual([
      { field: 'username', message: 'username must not be empty' },
      { field: 'password', message: 'password must be at least 8 characters' },
    ])
  })

  it('rejects a failure whose body is not a problem with an ApiError all the same', async () => {
    fakeServer({
      'GET /api/v1/platform/company': () =>
        new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    })

    await expect(fetchCompanyProfile()).rejects.toMatchObject({
      name: 'ApiError',
      status: 502,
      problem: { title: 'Bad Gateway', status: 502 },
      body: '<html>Bad Gateway</html>',
    })
  })

  it('turns a network failure into an ApiError with status 0 and keeps the session', async () => {
    fakeServer({
      'GET /api/v1/platform/company': () => Promise.reject(new TypeError('Failed to fetch')),
    })

    await expect(fetchCompanyProfile()).rejects.toMatchObject({ name: 'ApiError', status: 0 })
    expect(session.expirations).toBe(0)
  })

  it('on 401 refreshes once, keeps the rotated pair and retries with the new token', async () => {
    const server = fakeServer({
      'GET /api/v1/platform/company': companyForRenewedToken,
      'POST /api/v1/auth/refresh': () => jsonResponse(200, renewedPair),
    })

    await expect(fetchCompanyProfile()).resolves.toEqual(company)

    const refreshes = server.callsTo('POST /api/v1/auth/refresh')
    expect(refreshes).toHaveLength(1)
    await expect(refreshes[0]!.json()).resolves.toEqual({ refreshToken: 'refresh-1' })
    expect(server.callsTo('GET /api/v1/platform/company').map(bearerOf)).toEqual([
      'Bearer access-1',
      'Bearer access-2',
    ])
    expect(session.access).toBe('access-2')
    expect(session.refresh).toBe('refresh-2')
    expect(session.expirations).toBe(0)
  })

  it('shares one refresh between requests that hit 401 together', async () => {
    const server = fakeServer({
      'GET /api/v1/platform/company': companyForRenewedToken,
      'POST /api/v1/auth/refresh': () => jsonResponse(200, renewedPair),
    })

    await expect(
      Promise.all([fetchCompanyProfile(), fetchCompanyProfile(), fetchCompanyProfile()]),
    ).resolves.toEqual([company, company, company])

    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1)
  })

  it('does not refresh a second time when the retry is refused too', async () => {
    const server = fakeServer({
      'GET /api/v1/platform/company': () => problemResponse(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => jsonResponse(200, renewedPair),
    })

    await expect(fetchCompanyProfile()).rejects.toMatchObject({ name: 'ApiError', status: 401 })

    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1)
    expect(server.callsTo('GET /api/v1/platform/company')).toHaveLength(2)
    expect(session.expirations).toBe(1)
  })

  it('ends the session and rejects with the 401 when the refresh is refused', async () => {
    const server = fakeServer({
      'GET /api/v1/platform/company': () =>
        problemResponse(401, 'Unauthorized', { detail: 'Sign in again' }),
      'POST /api/v1/auth/refresh': () => problemResponse(401, 'Unauthorized'),
    })

    await expect(fetchCompanyProfile()).rejects.toMatchObject({
      status: 401,
      problem: { detail: 'Sign in again' },
    })
    expect(server.callsTo('GET /api/v1/platform/company')).toHaveLength(1)
    expect(session.expirations).toBe(1)
  })

  it('keeps the session when the refresh fails for a server error', async () => {
    fakeServer({
      'GET /api/v1/platform/company': () => problemResponse(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => problemResponse(503, 'Service Unavailable'),
    })

    await expect(fetchCompanyProfile()).rejects.toMatchObject({ status: 503 })
    expect(session.expirations).toBe(0)
    expect(session.refresh).toBe('refresh-1')
  })

  it('ends the session without calling refresh when there is no refresh token', async () => {
    connectSession((session = new MemorySession(null, null)))
    const server = fakeServer({
      'GET /api/v1/platform/company': () => problemResponse(401, 'Unauthorized'),
    })

    await expect(fetchCompanyProfile()).rejects.toMatchObject({ status: 401 })
    expect(server.requests).toHaveLength(1)
    expect(session.expirations).toBe(1)
  })

  it('treats a 401 from login as the answer, not as a reason to refresh', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/login': () =>
        problemResponse(401, 'Unauthorized', { detail: 'Wrong username or password' }),
    })

    await expect(login({ username: 'li.lei', password: 'wrong' })).rejects.toMatchObject({
      status: 401,
      message: 'Wrong username or password',
    })
    expect(server.requests).toHaveLength(1)
    expect(session.expirations).toBe(0)
  })
})

describe('readiness', () => {
  it('returns the report when a check is down and the API answers 503', async () => {
    const report = {
      status: 'error',
      checks: {
        database: { status: 'up', latencyMs: 3 },
        redis: { status: 'down', detail: 'connect ECONNREFUSED' },
      },
    }
    fakeServer({ 'GET /api/ready': () => jsonResponse(503, report) })

    await expect(fetchReadiness()).resolves.toEqual(report)
  })

  it('still rejects a 503 that carries no readiness report', async () => {
    fakeServer({ 'GET /api/ready': () => problemResponse(503, 'Service Unavailable') })

    await expect(fetchReadiness()).rejects.toBeInstanceOf(ApiError)
  })
})
