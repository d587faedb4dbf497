
interface SecurityHeaderOptions {
  hsts: boolean;
}

/**
 * Security headers, computed once at boot. @fastify/helmet rebuilt them on every
 * request, which cost most of the throughput of a cheap route (bench:http-floor).
 *
 * Two sets, after OWASP: documents (the SPA, Swagger UI) get the browser policy a page
 * needs; JSON API answers get the short REST set — nothing may frame, sniff, cache or
 * execute them — so every API response is not weighed down with page-only headers.
 */
export function documentSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    // Element Plus and Swagger UI set inline styles; scripts stay same-origin only.
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
  ].join(';');
  return {
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...hsts(options),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
  };
}

export function apiSecurityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    ...hsts(options),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
}

function hsts(options: SecurityHeaderOptions): Record<string, string> {
  // Only behind TLS in production; on plain-HTTP localhost it would only confuse browsers.
  return options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {};
}

const isApiAnswer = (url: string): boolean => url.startsWith('/api/') && !url.startsWith('/api/docs');

/**
 * Which of the two precomputed sets a response gets, by its URL. Documents a browser
 * may cache (the SPA's files) say they vary by Origin when CORS is configured, as the
 * CORS answer only comes with an Origin; API answers are never cached (`no-store`).
 */
export function securityHeadersFor(options: SecurityHeaderOptions & { cors: boolean }): (url: string) => Record<string, string> {
  const api = apiSecurityHeaders(options);
  const documents = { ...documentSecurityHeaders(options), ...(options.cors ? { vary: 'Origin' } : {}) };
  return (url) => (isApiAnswer(url) ? api : documents);
}
