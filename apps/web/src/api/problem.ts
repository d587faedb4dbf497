import type { FieldError, ProblemDetails } from './problem-details'

export type { FieldError, ProblemDetails } from './problem-details'

/**
 * A failed API call. Every non-2xx answer and every network failure becomes one of
 * these, so a view handles failures in one way whatever went wrong.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number
  readonly problem: ProblemDetails
  /**
   * The parsed body as the server sent it. Kept because a few endpoints answer a
   * failure status with a payload that is not a problem (readiness answers 503 with
   * its report).
   */
  readonly body: unknown

  constructor(problem: ProblemDetails, body: unknown = problem, options?: ErrorOptions) {
    super(problem.detail ?? problem.title, options)
    this.status = problem.status
    this.problem = problem
    this.body = body
  }

  /** Validation failures by field path, as the server reported them. */
  get fieldErrors(): readonly FieldError[] {
    return this.problem.errors ?? []
  }

  /** The record changed since it was read (optimistic locking): reload, then edit again. */
  get isVersionConflict(): boolean {
    return this.status === 409 && this.problem.code === 'platform.version-conflict'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string'
}

export function isProblemDetails(value: unknown): value is ProblemDetails {
  return (
    isRecord(value) &&
    typeof value.type === 'string' &&
    typeof value.title === 'string' &&
    typeof value.status === 'number' &&
    (value.errors === undefined ||
      (Array.isArray(value.errors) && value.errors.every(isFieldError)))
  )
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    // A proxy's HTML error page is still a failure worth reporting; keep it as text.
    return text
  }
}

/** Turn a non-2xx response into an ApiError, whatever its body looks like. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const body = await readBody(response)
  if (isProblemDetails(body)) return new ApiError(body, body)
  const problem: ProblemDetails = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  }
  return new ApiError(problem, body)
}

/** The request never got an answer: offline, DNS, refused connection, CORS. */
export function networkApiError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause)
  const problem: ProblemDetails = { type: 'about:blank', title: 'Network error', status: 0, detail }
  return new ApiError(problem, undefined, { cause })
}
