/**
 * The SPA path a notification opens, or null: only paths of this app (the server keeps
 * `link` to ones starting with `/`; `//host` would leave it).
 */
export function notificationTarget(link: string | null): string | null {
  if (link === null || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null
  return link
}
