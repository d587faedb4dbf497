/** One invalid field of a request, by its path in the body or query (`lines[2].quantity`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * RFC 9457 problem details, the shape of every error the API answers, its own and the
 * framework's alike (an unknown route, a malformed body, a stop in progress).
 * `code` is the stable error code (e.g. `platform.version-conflict`,
 * `http.unsupported-media-type`) so a client can branch on it without parsing the
 * human-readable `detail`.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
