import type { PermissionCode } from '@zhongshu/contracts';

/** An entry of the SPA's sidebar: a leaf opens a page, a group holds entries. */
interface MenuEntryBase {
  /** Stable id, unique in the whole menu; the SPA's route name of a leaf. */
  key: string;
  /** An i18n key the SPA translates (`menu.orgPeople`). */
  title: string;
  /** An icon name from the SPA's `components/menu/menu-icons.ts`. */
  icon?: string;
  /** The permission needed to see the entry; absent means every signed-in person. */
  permission?: PermissionCode;
  /**
   * A badge counter's key (`oa.todo`, registered with `BadgeCounters` by the context
   * that counts): the SPA shows the person's count beside the entry, and a folded group
   * the sum of its entries'. The API refuses to start if no context registered it.
   */
  badge?: string;
  /**
   * Where the entry sits among its siblings, lower first (default 100). Contexts give
   * their top-level sections orders far apart (OA 20, CRM 30, ERP 40, MES 50, org 80,
   * system 90) so that one landing later finds its place without another moving.
   */
  order?: number;
}

export interface MenuLeaf extends MenuEntryBase {
  path: string;
}

export interface MenuGroup extends MenuEntryBase {
  /**
   * A group with the same key from two contexts is one group holding both's entries,
   * so a context can add a page to the platform's 系统设置 section.
   */
  children: MenuEntry[];
}

export type MenuEntry = MenuLeaf | MenuGroup;

/** The shape `/me` serves: the order is applied and dropped. */
export interface ServedMenuNode {
  key: string;
  title: string;
  icon?: string;
  permission?: string;
  badge?: string;
  path?: string;
  children?: ServedMenuNode[];
}

const DEFAULT_ORDER = 100;

function isGroup(entry: MenuEntry): entry is MenuGroup {
  return 'children' in entry;
}

/**
 * Merges the menus every context declared into one tree: groups with one key become
 * one, entries are sorted by order (stable, so declaration order breaks ties). Refuses
 * two leaves with one key, or a key used once as a leaf and once as a group.
 */
export function mergeMenus(contributions: ReadonlyArray<readonly MenuEntry[]>): MenuEntry[] {
  const merged: MenuEntry[] = [];
  const byKey = new Map<string, MenuEntry>();
  for (const entries of contributions) {
    for (const entry of entries) {
      const known = byKey.get(entry.key);
      if (!known) {
        const copy: MenuEntry = isGroup(entry) ? { ...entry, children: mergeMenus([entry.children]) } : { ...entry };
        byKey.set(entry.key, copy);
        merged.push(copy);
      } else if (isGroup(known) && isGroup(entry)) {
        known.children = mergeMenus([known.children, entry.children]);
      } else {
        throw new Error(`Menu entry "${entry.key}" is declared twice`);
      }
    }
  }
  return merged
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.order ?? DEFAULT_ORDER) - (b.entry.order ?? DEFAULT_ORDER) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** The part of the menu a person may open: entries they lack the permission for and groups left empty go. */
export function menuFor(entries: readonly MenuEntry[], permissions: ReadonlySet<string>): ServedMenuNode[] {
  const served: ServedMenuNode[] = [];
  for (const entry of entries) {
    if (entry.permission !== undefined && !permissions.has(entry.permission)) continue;
    const node: ServedMenuNode = { key: entry.key, title: entry.title };
    if (entry.icon !== undefined) node.icon = entry.icon;
    if (entry.permission !== undefined) node.permission = entry.permission;
    if (entry.badge !== undefined) node.badge = entry.badge;
    if (isGroup(entry)) {
      const children = menuFor(entry.children, permissions);
      if (children.length === 0) continue;
      node.children = children;
    } else {
      node.path = entry.path;
    }
    served.push(node);
  }
  return served;
}
