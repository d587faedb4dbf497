import 'vue-router'

// What a route in `routes.ts` may say about itself; typed so a typo is a compile error.
declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title: the browser tab and the menu label. */
    titleKey?: string
    /** Shown in the sidebar menu. */
    menu?: boolean
    /** Icon name from `components/menu/menu-icons.ts`. */
    icon?: string
    /**
     * Permission code the page and its menu entry need: without it the guard shows the
     * denied view. The server checks every call regardless.
     */
    permission?: string
    /** Reachable without a session: a 401 on this page does not send the user to /login. */
    public?: boolean
  }
}

export {}
