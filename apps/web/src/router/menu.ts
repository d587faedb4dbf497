import type { RouteRecordRaw } from 'vue-router'

interface MenuNodeBase {
  /** Stable id: the route name today, the server's menu id once menus come from /me. */
  key: string
  /** An i18n key; plain text also works, for titles the server sends untranslated. */
  title: string
  /** An icon name from `components/menu/menu-icons.ts`. */
  icon?: string
  /** Permission code the entry needs; absent means everyone who reaches the shell. */
  permission?: string
}

export interface MenuLeaf extends MenuNodeBase {
  path: string
}

export interface MenuGroup extends MenuNodeBase {
  children: MenuNode[]
}

/** The sidebar's model, the same whether it comes from the route table or the server. */
export type MenuNode = MenuLeaf | MenuGroup

export function isMenuGroup(node: MenuNode): node is MenuGroup {
  return 'children' in node
}

function joinPath(parent: string, path: string): string {
  if (path.startsWith('/')) return path
  return `${parent.replace(/\/$/, '')}/${path}`
}

/**
 * The menu tree from the typed route table: every route with `meta.menu` becomes an
 * entry; a menu route with menu children becomes a group.
 */
export function buildMenuTree(routes: readonly RouteRecordRaw[], parentPath = '/'): MenuNode[] {
  const nodes: MenuNode[] = []
  for (const route of routes) {
    const meta = route.meta
    if (meta?.menu !== true || typeof route.name !== 'string') continue
    const path = joinPath(parentPath, route.path)
    const base: MenuNodeBase = {
      key: route.name,
      title: meta.titleKey ?? route.name,
      icon: meta.icon,
      permission: meta.permission,
    }
    const children = buildMenuTree(route.children ?? [], path)
    nodes.push(children.length > 0 ? { ...base, children } : { ...base, path })
  }
  return nodes
}

/** Drop entries the user may not open, and groups left with nothing in them. */
export function filterMenuTree(
  nodes: readonly MenuNode[],
  allows: (permission: string) => boolean,
): MenuNode[] {
  const kept: MenuNode[] = []
  for (const node of nodes) {
    if (node.permission !== undefined && !allows(node.permission)) continue
    if (isMenuGroup(node)) {
      const children = filterMenuTree(node.children, allows)
      if (children.length > 0) kept.push({ ...node, children })
    } else {
      kept.push(node)
    }
  }
  return kept
}
