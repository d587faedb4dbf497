import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import type { PermissionCode } from '@zhongshu/contracts'
import { fetchMe, type Me } from '@/api/auth/session'
import { menuFromServer, type MenuNode } from '@/router/menu'

/**
 * A declared permission code, or a list of which any one is enough. Only codes some
 * context declared in `libs/contracts` type-check, so a typo fails `typecheck` instead
 * of hiding a button from everyone.
 */
export type AccessRequirement = PermissionCode | readonly PermissionCode[]

export interface UserAccess {
  /** What /me granted. Plain strings: the server may know codes this build does not. */
  permissions: readonly string[]
  menus: readonly MenuNode[]
}

export type UserProfile = Me['profile']
export type UserRole = Me['roles'][number]
export type UserDataScope = Me['dataScope']

/** Who is signed in and what they may do and see, as GET /api/v1/me reports it. */
export const useUserStore = defineStore('user', () => {
  /**
   * null means "not loaded" (nobody signed in yet, or /me still on its way). Then
   * nothing is hidden: the router guard keeps anonymous users out of the shell, and
   * the server checks every call whatever the SPA shows.
   */
  const permissions = ref<readonly string[] | null>(null)
  /** The server's menu tree, already cut to what this person may open; empty until loaded. */
  const menus = ref<readonly MenuNode[]>([])
  const profile = ref<UserProfile | null>(null)
  const roles = ref<readonly UserRole[]>([])
  const dataScope = ref<UserDataScope | null>(null)

  const granted = computed(() => (permissions.value === null ? null : new Set<string>(permissions.value)))
  const loaded = computed(() => profile.value !== null)

  function can(requirement: AccessRequirement): boolean {
    const codes = granted.value
    if (codes === null) return true
    const wanted: readonly PermissionCode[] = typeof requirement === 'string' ? [requirement] : requirement
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
    menus.value = []
    profile.value = null
    roles.value = []
    dataScope.value = null
  }

  return { permissions, menus, profile, roles, dataScope, loaded, can, applyAccess, load, forget }
})
