/**
 * RFC 9457 problem details, the body of every failure the API answers (the platform's
 * `@zhongshu/contracts` ProblemDetails). Declared here because the backend's OpenAPI
 * document describes only success responses, so `schema.d.ts` has no error schema to
 * generate it from; it is a published standard shape, not a copy of a backend DTO.
 */
export interface FieldError {
  /** Path in the body or query (`name`, `rows[3].departmentCode`); empty for the whole request. */
  field: string
  message: string
}

export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  /** The context's stable error code, e.g. `platform.version-conflict`. */
  code?: string
  requestId?: string
  errors?: FieldError[]
}
