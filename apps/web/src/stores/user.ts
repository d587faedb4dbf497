import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { fetchMe, type Me } from '@/api/auth/session'
import type { MenuNode } from '@/router/menu'

/** A permission code, or a list of which any one is enough. */
export type AccessRequirement = string | readonly string[]

export interface UserAccess {
  permissions: readonly string[]
  menus: readonly MenuNode[]
}

export type UserProfile = Me['profile']
export type UserRole = Me['roles'][number]
export type UserDataScope = Me['dataScope']

/**
 * The server's menu nodes: a leaf has a path, a group children. The DTO makes both
 * optional; a node with neither is dropped rather than shown as a dead entry.
 */
export function menuFromServer(nodes: Me['menus']): MenuNode[] {
  const tree: MenuNode[] = []
  for (const node of nodes) {
    const base = { key: node.key, title: node.title, icon: node.icon, permission: node.permission }
    if (node.children !== undefined) {
      const children = menuFromServer(node.children)
      if (children.length > 0) tree.push({ ...base, children })
    } else if (node.path !== undefined) {
      tree.push({ ...base, path: node.path })
    }
  }
  return tree
}

/** Who is signed in and what they may do and see, as GET /api/v1/me reports it. */
export const useUserStore = defineStore('user', () => {
  /**
   * null means "not loaded" (nobody signed in yet, or /me still on its way). Then
   * nothing is hidden: the router guard keeps anonymous users out of the shell, and
   * the server checks every call whatever the SPA shows.
   */
  const permissions = ref<readonly string[] | null>(null)
  /** The server's menu tree; null until loaded, and the shell uses the route table. */
  const menus = ref<readonly MenuNode[] | null>(null)
  const profile = ref<UserProfile | null>(null)
  const roles = ref<readonly UserRole[]>([])
  const dataScope = ref<UserDataScope | null>(null)

  const granted = computed(() => (permissions.value === null ? null : new Set(permissions.value)))
  const loaded = computed(() => profile.value !== null)

  function can(requirement: AccessRequirement): boolean {
    const codes = granted.value
    if (codes === null) return true
    const wanted = typeof requirement === 'string' ? [requirement] : requirement
    return wanted.some((code) => codes.has(code))
  }

  function applyAccess(access: UserAccess): void {
    permissions.value = [...access.permissions]
    menus.value = [...access.menus]
  }

  let inFlight: Promise<void> | null = null

  /** Loads /me once for everyone who asks at the same time; a failure rejects. */
  function load(): Promise<void> {
    inFlight ??= fetchMe()
      .then((me) => {
        profile.value = me.profile
        roles.value = me.roles
        dataScope.value = me.dataScope
        applyAccess({ permissions: me.permissions, menus: menuFromServer(me.menus) })
      })
      .finally(() => {
        inFlight = null
      })
    return inFlight
  }

  function forget(): void {
    permissions.value = null
    menus.value = null
    profile.value = null
    roles.value = []
    dataScope.value = null
  }

  return { permissions, menus, profile, roles, dataScope, loaded, can, applyAccess, load, forget }
})
