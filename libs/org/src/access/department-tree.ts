/** A department's place in the tree: enough to walk it without the database. */
export interface TreeNode {
  id: string;
  parentId: string | null;
}

/**
 * The org tree in memory, for data scope ("my department and below") and for
 * checking a move. Pure, so the rules are unit-tested without a database.
 */
export class DepartmentTree {
  private readonly children = new Map<string, string[]>();
  private readonly parents = new Map<string, string | null>();

  constructor(nodes: readonly TreeNode[]) {
    for (const node of nodes) {
      this.parents.set(node.id, node.parentId);
      if (node.parentId) {
        const siblings = this.children.get(node.parentId) ?? [];
        siblings.push(node.id);
        this.children.set(node.parentId, siblings);
      }
    }
  }

  has(id: string): boolean {
    return this.parents.has(id);
  }

  /** The department and everything below it. Guarded against a cycle in bad data. */
  subtree(id: string): string[] {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      stack.push(...(this.children.get(current) ?? []));
    }
    return [...seen];
  }

  /** The parent, grandparent and so on, nearest first. */
  ancestors(id: string): string[] {
    const result: string[] = [];
    const seen = new Set<string>([id]);
    let current = this.parents.get(id) ?? null;
    while (current && !seen.has(current)) {
      result.push(current);
      seen.add(current);
      current = this.parents.get(current) ?? null;
    }
    return result;
  }

  /** Moving `id` under `newParentId` closes a loop when the new parent lies in its own subtree. */
  wouldCycle(id: string, newParentId: string | null): boolean {
    if (newParentId === null) return false;
    return newParentId === id || this.subtree(id).includes(newParentId);
  }
}
