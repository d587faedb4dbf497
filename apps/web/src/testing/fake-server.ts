import { vi } from 'vitest'

export type Route = (request: Request) => Response | Promise<Response>

export function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
): Response {
  const headers = { 'Content-Type': contentType }
  return new Response(JSON.stringify(body), { status, headers })
}

export function problemResponse(
  status: number,
  title: string,
  extra: Record<string, unknown> = {},
): Response {
  const problem = { type: 'about:blank', title, status, ...extra }
  return jsonResponse(status, problem, 'application/problem+json')
}

/**
 * Replaces fetch with a handler keyed by "METHOD /path". Every request is recorded
 * (cloned, so a test can read its body), and an unexpected one fails loudly.
 */
export function fakeServer(routes: Record<string, Route>) {
  const requests: Request[] = []
  const fetchMock = vi.fn(async (request: Request): Promise<Response> => {
    requests.push(request.clone())
    const key = `${request.method} ${new URL(request.url).pathname}`
    const route = routes[key]
    if (route === undefined) throw new Error(`unexpected request ${key}`)
    return route(request)
  })
  vi.stubGlobal('fetch', fetchMock)
  const callsTo = (key: string) =>
    requests.filter((request) => `${request.method} ${new URL(request.url).pathname}` === key)
  return { requests, callsTo, fetchMock }
}
