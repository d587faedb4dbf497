import { describe, expect, it } from 'vitest'
import type { Department } from '@/api/org/departments'
import { buildDepartmentTree, departmentPath } from './department-tree'

function department(id: string, parentId: string | null, name: string, sortOrder = 0): Department {
  return { id, parentId, code: id.toUpperCase(), name, leaderId: null, deputyId: null, sortOrder, status: 'active', version: 1 }
}

const flat = [
  department('east', 'sales', '华东销售组'),
  department('sales', 'hq', '销售部', 2),
  department('ops', 'hq', '综合管理部', 1),
  department('hq', null, '总部'),
]

describe('buildDepartmentTree', () => {
  it('nests children under parents, ordered by sort order', () => {
    const tree = buildDepartmentTree(flat)
    expect(tree.map((node) => node.id)).toEqual(['hq'])
    expect(tree[0]!.children.map((node) => node.id)).toEqual(['ops', 'sales'])
    expect(tree[0]!.children[1]!.children.map((node) => node.id)).toEqual(['east'])
  })

  it('shows a department whose parent is out of sight as a root instead of losing it', () => {
    const tree = buildDepartmentTree([department('east', 'sales', '华东销售组')])
    expect(tree.map((node) => node.id)).toEqual(['east'])
  })
})

describe('departmentPath', () => {
  it('names the departments from the top down', () => {
    const byId = new Map(flat.map((d) => [d.id, d]))
    expect(departmentPath(byId, 'east')).toBe('总部 / 销售部 / 华东销售组')
  })
})
