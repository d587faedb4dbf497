import type { ComputedRef, InjectionKey } from 'vue'

/** What `SidebarMenu` tells its nodes: the counts, whether the sidebar is folded, which groups are open. */
export interface MenuBadgeContext {
  counts: ComputedRef<Readonly<Record<string, number>>>
  collapsed: ComputedRef<boolean>
  isOpen(key: string): boolean
}

export const MENU_BADGES: InjectionKey<MenuBadgeContext> = Symbol('menu-badges')
