import 'vue-router'
import type { PermissionCode } from '@zhongshu/contracts'

// What a route in `routes.ts` may say about itself; typed so a typo is a compile error.
// The sidebar is not declared here: it comes from GET /api/v1/me (see router/menu.ts).
declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (the browser tab). */
    titleKey?: string
    /**
     * Permission the page needs when opened by address: without it the guard shows the
     * denied view. A declared code, or a list of which any one is enough; the server checks
     * every call regardless.
     */
    permission?: PermissionCode | readonly PermissionCode[]
    /**
     * 'full' for designers and boards: a top-level route outside the shell (no sidebar or
     * header), the whole window for the work, its heavy libraries in its own chunk.
     */
    layout?: 'full'
    /** Reachable without a session: a 401 on this page does not send the user to /login. */
    public?: boolean
  }
}

export {}
