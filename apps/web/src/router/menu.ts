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

/** Whether `path` is `prefix` or lies under it, segment by segment (`/crm/customers/1` under `/crm/customers`). */
function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)
}

/** The entries with the groups that hold them, outermost first. */
function leavesOf(nodes: readonly MenuNode[], groups: readonly string[] = []): Array<{ leaf: MenuLeaf; groups: readonly string[] }> {
  return nodes.flatMap((node) => (isMenuGroup(node) ? leavesOf(node.children, [...groups, node.key]) : [{ leaf: node, groups }]))
}

/**
 * The entry a page belongs to: its own, or else the one whose path is the longest
 * prefix of it, so a customer's page marks 客户 and a contract's 合同.
 */
export function menuEntryFor(nodes: readonly MenuNode[], path: string): MenuLeaf | undefined {
  let best: MenuLeaf | undefined
  for (const { leaf } of leavesOf(nodes)) {
    if (under(path, leaf.path) && (best === undefined || leaf.path.length > best.path.length)) best = leaf
  }
  return best
}

/**
 * The groups to show open for a page: those holding its entry, or, for a page no entry
 * leads to (an approval request opened from a notification), the groups whose entries
 * share its first segment (`/oa/…`), so the menu still shows where the page belongs.
 */
export function menuGroupsFor(nodes: readonly MenuNode[], path: string): string[] {
  const leaves = leavesOf(nodes)
  const entry = menuEntryFor(nodes, path)
  if (entry) return [...(leaves.find(({ leaf }) => leaf === entry)?.groups ?? [])]
  const first = path.split('/')[1]
  if (!first) return []
  return [...new Set(leaves.filter(({ leaf }) => leaf.path.split('/')[1] === first).flatMap(({ groups }) => groups))]
}
