import type { Department } from '@/api/org/departments'

export interface DepartmentNode extends Department {
  children: DepartmentNode[]
}

function bySortOrderThenName(a: Department, b: Department): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN') || a.code.localeCompare(b.code)
}

/**
 * The flat list the API pages out, as a tree. A department whose parent is not in the
 * list (outside the reader's data scope, or filtered out) is shown as a root rather
 * than lost.
 */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>()
  for (const department of departments) nodes.set(department.id, { ...department, children: [] })
  const roots: DepartmentNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId)
    if (parent === undefined) roots.push(node)
    else parent.children.push(node)
  }
  const sort = (list: DepartmentNode[]): void => {
    list.sort(bySortOrderThenName)
    list.forEach((node) => sort(node.children))
  }
  sort(roots)
  return roots
}

/** The names of the departments from the root down to this one: 总部 / 销售部 / 华东销售组. */
export function departmentPath(departments: ReadonlyMap<string, Department>, id: string): string {
  const names: string[] = []
  const seen = new Set<string>()
  let current = departments.get(id)
  while (current !== undefined && !seen.has(current.id)) {
    seen.add(current.id)
    names.unshift(current.name)
    current = current.parentId === null ? undefined : departments.get(current.parentId)
  }
  return names.join(' / ')
}
