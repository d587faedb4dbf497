import { mount } from '@vue/test-utils'
import type { Component } from 'vue'
import { vAccess } from '@/directives/access'
import { useUserStore } from '@/stores/user'
import { testApp } from './plugins'

/**
 * Mounts a page as the app would: Pinia, i18n, a router and `v-access`, attached to
 * the document so Element Plus's dialogs and messages (teleported to body) are there.
 * `permissions` are what /me would have granted; omit it for "everything".
 */
export async function mountViewAt(path: string, view: Component, permissions?: string[]) {
  const app = testApp()
  await app.router.push(path)
  return mountWith(app, view, permissions)
}

export function mountView(view: Component, permissions?: string[]) {
  return mountWith(testApp(), view, permissions)
}

function mountWith(app: ReturnType<typeof testApp>, view: Component, permissions?: string[]) {
  if (permissions !== undefined) useUserStore().applyAccess({ permissions, menus: [] })
  const wrapper = mount(view, {
    global: { plugins: app.plugins, directives: { access: vAccess } },
    attachTo: document.body,
  })
  return { wrapper, ...app }
}

/** The visible text of everything teleported to <body> (dialogs, messages). */
export function bodyText(): string {
  return document.body.textContent ?? ''
}
