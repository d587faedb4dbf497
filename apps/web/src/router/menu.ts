import type { Me } from '@/api/auth/session'

interface MenuNodeBase {
  /** The server's stable id of the entry (`org-people`); also the test id's suffix. */
  key: string
  /** An i18n key; plain text also works, for titles the server sends untranslated. */
  title: string
  /** An icon name from `components/menu/menu-icons.ts`. */
  icon?: string
  /** A badge counter's key (`oa.todo`): the count from GET /api/v1/platform/badges shown beside it. */
  badge?: string
}

export interface MenuLeaf extends MenuNodeBase {
  path: string
}

export interface MenuGroup extends MenuNodeBase {
  children: MenuNode[]
}

/**
 * The sidebar's model. It comes from GET /api/v1/me alone: the server declares the
 * menu and leaves out what the person may not open, so the SPA neither repeats the
 * menu nor filters it again.
 */
export type MenuNode = MenuLeaf | MenuGroup

export function isMenuGroup(node: MenuNode): node is MenuGroup {
  return 'children' in node
}

/**
 * The server's menu nodes: a leaf has a path, a group children. The DTO makes both
 * optional; a node with neither, or a group left with no entries, is dropped rather
 * than shown as a dead entry.
 */
export function menuFromServer(nodes: Me['menus']): MenuNode[] {
  const tree: MenuNode[] = []
  for (const node of nodes) {
    const base: MenuNodeBase = { key: node.key, title: node.title }
    if (node.icon !== undefined) base.icon = node.icon
    if (node.badge !== undefined) base.badge = node.badge
    if (node.children !== undefined) {
      const children = menuFromServer(node.children)
      if (children.length > 0) tree.push({ ...base, children })
    } else if (node.path !== undefined) {
      tree.push({ ...base, path: node.path })
    }
  }
  return tree
}

/**
 * What a menu entry's badge shows: a leaf its own count; a group its own if it names
 * one, else (only while it is folded, when its entries cannot be seen) the sum of its
 * entries'. Nothing (undefined) rather than 0, so an empty badge is not drawn.
 */
export function badgeCount(node: MenuNode, counts: Readonly<Record<string, number>>, folded: boolean): number | undefined {
  const own = node.badge === undefined ? undefined : counts[node.badge]
  if (!isMenuGroup(node) || node.badge !== undefined) return own !== undefined && own > 0 ? own : undefined
  if (!folded) return undefined
  const sum = node.children.reduce((total, child) => total + (badgeCount(child, counts, true) ?? 0), 0)
  return sum > 0 ? sum : undefined
}
