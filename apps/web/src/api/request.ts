import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'
import { ApiError, apiErrorFromResponse, networkApiError } from './problem'

/** Every endpoint the SPA may call, generated from the backend's OpenAPI document. */
export type ApiPaths = paths
export type TokenPair = components['schemas']['TokenPairDto']

/**
 * What the request client needs from whoever keeps the session. The auth store
 * implements it (wired in `router/guard.ts`); the client itself holds no state but
 * the refresh in flight, which keeps it free of Pinia and easy to test.
 */
export interface SessionPort {
  accessToken(): string | null
  refreshToken(): string | null
  /** Keep the pair a refresh returned: refresh tokens rotate, the old one is spent. */
  renew(tokens: TokenPair): void
  /** The server refused the session for good (no refresh token, or refresh refused). */
  expire(): void
}

const anonymous: SessionPort = {
  accessToken: () => null,
  refreshToken: () => null,
  renew: () => undefined,
  expire: () => undefined,
}

let session: SessionPort = anonymous

export function connectSession(port: SessionPort): void {
  session = port
}

export function disconnectSession(): void {
  session = anonymous
  refreshInFlight = null
}

// Login, refresh and logout answer 401 for bad credentials or a spent refresh token;
// that is their answer to the caller, not a reason to refresh. They need no bearer token.
const SESSION_ENDPOINTS: ReadonlySet<string> = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
])

function isSessionCall(request: Request): boolean {
  return SESSION_ENDPOINTS.has(new URL(request.url).pathname)
}

function withBearer(request: Request, token: string | null): Request {
  if (token !== null) request.headers.set('Authorization', `Bearer ${token}`)
  return request
}

// Resolved on each call rather than captured once, so tests can stub fetch.
function send(request: Request): Promise<Response> {
  return globalThis.fetch(request)
}

let refreshInFlight: Promise<boolean> | null = null

/**
 * One refresh for however many requests hit 401 together: a rotating refresh token
 * is single-use, so a second concurrent refresh would present a spent token and end
 * a session that the first refresh had just renewed.
 */
function refreshSession(): Promise<boolean> {
  refreshInFlight ??= renewTokens().finally(() => {
    refreshInFlight = null
  })
  return refreshInFlight
}

/**
 * True when renewed, false when the server refused the refresh token (a 4xx). Being
 * offline or a server error rejects instead: neither says the session is over, so
 * neither should throw the user out of it.
 */
async function renewTokens(): Promise<boolean> {
  const refreshToken = session.refreshToken()
  if (refreshToken === null) return false
  try {
    const { data } = await api.POST('/api/v1/auth/refresh', { body: { refreshToken } })
    if (data === undefined) return false
    session.renew(data)
    return true
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false
    throw error
  }
}

/**
 * The fetch under the typed client: attaches the access token and, on a 401, renews
 * the session once and retries once. Whatever the final answer, it is returned as is
 * and `rejectFailures` turns it into an ApiError; nothing is swallowed here. Exported
 * for the one call the typed client cannot make, the notification stream (its body is
 * read as it arrives), which must authenticate and refresh exactly as every call does.
 */
export async function sendWithSession(request: Request): Promise<Response> {
  if (isSessionCall(request)) return send(request)

  // A body can be read once; keep an unread copy for the single retry.
  const spare = request.clone()
  const usedToken = session.accessToken()
  const first = await send(withBearer(request, usedToken))
  if (first.status !== 401) return first

  // Another request may have renewed the session while this one was in flight.
  const current = session.accessToken()
  const renewed = (current !== null && current !== usedToken) || (await refreshSession())
  if (!renewed) {
    session.expire()
    return first
  }

  const retried = await send(withBearer(spare, session.accessToken()))
  if (retried.status === 401) session.expire()
  return retried
}

/** Reject every failure with an ApiError so no caller can mistake it for data. */
const rejectFailures: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await apiErrorFromResponse(response)
    return undefined
  },
  onError({ error }) {
    return error instanceof ApiError ? error : networkApiError(error)
  },
}

/**
 * A typed client over the one session-aware fetch. `api` below is the client of the
 * generated document; a context whose routes are not in that document yet (OA, built in
 * parallel with its API) types its own paths in its api module and gets the same
 * token, refresh and error handling.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function createApiClient<Paths extends {}>() {
  const client = createClient<Paths>({
    baseUrl: '',
    fetch: sendWithSession,
    headers: { Accept: 'application/json, application/problem+json' },
  })
  client.use(rejectFailures)
  return client
}

/** The one request client. Same origin: the API serves the SPA, Vite proxies /api in dev. */
export const api = createApiClient<ApiPaths>()

/**
 * The payload of a call that succeeded. Failures have already rejected, so a missing
 * payload means the server answered 2xx with an empty body where one was promised.
 */
export function dataOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Empty response',
      status: result.response.status,
      detail: `${result.response.url} answered ${result.response.status} without a body`,
    })
  }
  return result.data
}

/** A request's options carrying `signal` when there is one (a list page cancels the load it no longer needs). */
export function aborting(signal?: AbortSignal): { signal?: AbortSignal } {
  return signal ? { signal } : {}
}
