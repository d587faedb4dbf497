import { describe, expect, it } from 'vitest'
import type { OaApprovalNode, OaConditionRoute, OaProcessDefinition, OaProcessNode } from '@zhongshu/contracts'
import {
  addBranch,
  allBranches,
  allNodes,
  approverFields,
  canMoveBranch,
  canMoveNode,
  canRemoveBranch,
  chainFrom,
  createNode,
  fieldsUsedByProcess,
  findBranch,
  findNode,
  insertNode,
  moveBranch,
  moveNode,
  removeBranch,
  removeNode,
  renameFieldInProcess,
  updateBranch,
  updateNode,
  type NodeNames,
} from './process-tree'

const names: NodeNames = {
  approval: '审批人',
  cc: '抄送人',
  condition: '条件分支',
  parallel: '并行分支',
  conditionBranch: (n) => `条件${n}`,
  defaultBranch: '其他情况',
  parallelBranch: (n) => `分支${n}`,
}

function approval(id: string, next: OaProcessNode | null = null): OaApprovalNode {
  return { id, type: 'approval', name: id, approvers: { kind: 'applicant' }, mode: 'sequential', whenEmpty: 'skip', next }
}

function process(next: OaProcessNode | null): OaProcessDefinition {
  return {
    start: { id: 'start', type: 'start', name: '发起人', next },
    settings: { adminId: 'admin', autoApproveApplicant: false, autoApproveRepeated: true },
  }
}

/** The chain as ids, routes as `id(branch: ids | branch: ids)`, so a test reads the tree at a glance. */
function shape(definition: OaProcessDefinition): string {
  const chain = (nodes: OaProcessNode[]): string =>
    nodes
      .map((node) =>
        node.type === 'condition' || node.type === 'parallel'
          ? `${node.id}(${node.branches.map((branch) => `${branch.id}: ${chain(chainFrom(branch))}`).join(' | ')})`
          : node.id,
      )
      .join(' > ')
  return chain([definition.start, ...chainFrom(definition.start)])
}

function route(id: string, next: OaProcessNode | null = null): OaConditionRoute {
  return {
    id,
    type: 'condition',
    name: id,
    next,
    branches: [
      { id: `${id}-far`, name: '远', condition: { '>': [{ var: 'form.distance' }, 100] }, next: approval(`${id}-a`, approval(`${id}-b`)) },
      { id: `${id}-other`, name: '其他', condition: null, next: null },
    ],
  }
}

describe('editing the process tree', () => {
  it('inserts a node after any node, or first in a branch, keeping what followed', () => {
    const base = process(approval('a', approval('b')))
    const afterStart = insertNode(base, { after: 'start' }, approval('x'))
    expect(shape(afterStart)).toBe('start > x > a > b')
    expect(shape(insertNode(base, { after: 'b' }, approval('x')))).toBe('start > a > b > x')
    const withRoute = process(route('r', approval('z')))
    expect(shape(insertNode(withRoute, { branch: 'r-other' }, approval('x')))).toBe('start > r(r-far: r-a > r-b | r-other: x) > z')
    expect(shape(insertNode(withRoute, { branch: 'r-far' }, approval('x')))).toBe('start > r(r-far: x > r-a > r-b | r-other: ) > z')
    expect(shape(insertNode(withRoute, { after: 'r' }, approval('x')))).toBe('start > r(r-far: r-a > r-b | r-other: ) > x > z')
    // The input is left as it was.
    expect(shape(base)).toBe('start > a > b')
    expect(() => insertNode(base, { after: 'nowhere' }, approval('x'))).toThrow()
  })

  it('creates nodes of each kind that are valid to start from', () => {
    const approvalNode = createNode('approval', names)
    expect(approvalNode).toMatchObject({ type: 'approval', name: '审批人', mode: 'sequential', whenEmpty: 'admin', approvers: { kind: 'department-leader', levelsUp: 0 } })
    expect(createNode('cc', names)).toMatchObject({ type: 'cc', recipients: { kind: 'people', personIds: [] } })
    const conditionNode = createNode('condition', names) as OaConditionRoute
    expect(conditionNode.branches.map((branch) => [branch.name, branch.condition])).toEqual([['条件1', { and: [] }], ['其他情况', null]])
    expect(createNode('parallel', names)).toMatchObject({ type: 'parallel', branches: [{ name: '分支1' }, { name: '分支2' }] })
    expect(new Set([createNode('cc', names).id, createNode('cc', names).id]).size).toBe(2)
  })

  it('removes a node, a route with all its branches, never the start', () => {
    expect(shape(removeNode(process(approval('a', approval('b'))), 'a'))).toBe('start > b')
    expect(shape(removeNode(process(route('r', approval('z'))), 'r'))).toBe('start > z')
    expect(shape(removeNode(process(route('r', approval('z'))), 'r-a'))).toBe('start > r(r-far: r-b | r-other: ) > z')
    expect(() => removeNode(process(null), 'start')).toThrow()
  })

  it('moves a node up and down within its own chain, a route with its branches', () => {
    const base = process(approval('a', route('r', approval('z'))))
    expect(shape(moveNode(base, 'z', 'up'))).toBe('start > a > z > r(r-far: r-a > r-b | r-other: )')
    expect(shape(moveNode(base, 'a', 'down'))).toBe('start > r(r-far: r-a > r-b | r-other: ) > a > z')
    expect(shape(moveNode(base, 'r-b', 'up'))).toBe('start > a > r(r-far: r-b > r-a | r-other: ) > z')
    // Not above the start, not out of a branch, not past the end of a chain.
    expect(canMoveNode(base, 'a', 'up')).toBe(false)
    expect(canMoveNode(base, 'r-a', 'up')).toBe(false)
    expect(canMoveNode(base, 'r-b', 'down')).toBe(false)
    expect(canMoveNode(base, 'z', 'down')).toBe(false)
    expect(canMoveNode(base, 'start', 'down')).toBe(false)
    expect(moveNode(base, 'a', 'up')).toBe(base)
  })

  it('adds condition branches before the default, which stays last; parallel branches at the end', () => {
    const withRoute = addBranch(process(route('r')), 'r', names)
    const branches = (findNode(withRoute, 'r') as OaConditionRoute).branches
    expect(branches.map((branch) => branch.name)).toEqual(['远', '条件2', '其他'])
    expect(branches[2]!.condition).toBeNull()
    const parallel = { ...createNode('parallel', names), id: 'p' }
    const withParallel = addBranch(process(parallel), 'p', names)
    expect(findNode(withParallel, 'p')).toMatchObject({ branches: [{ name: '分支1' }, { name: '分支2' }, { name: '分支3' }] })
  })

  it('reorders branches by priority, never moving the default or past it', () => {
    const three = addBranch(process(route('r')), 'r', names)
    const added = (findNode(three, 'r') as OaConditionRoute).branches[1]!.id
    expect(canMoveBranch(three, added, 'right')).toBe(false)
    expect(canMoveBranch(three, 'r-other', 'left')).toBe(false)
    expect(canMoveBranch(three, 'r-far', 'left')).toBe(false)
    const moved = moveBranch(three, added, 'left')
    expect((findNode(moved, 'r') as OaConditionRoute).branches.map((branch) => branch.id)).toEqual([added, 'r-far', 'r-other'])
    expect(moveBranch(three, 'r-other', 'left')).toBe(three)
  })

  it('removes a branch with its nodes; a route left with one branch gives way to that branch’s nodes', () => {
    const three = addBranch(process(route('r', approval('z'))), 'r', names)
    const added = (findNode(three, 'r') as OaConditionRoute).branches[1]!.id
    expect(shape(removeBranch(three, added))).toBe('start > r(r-far: r-a > r-b | r-other: ) > z')
    // Two branches: removing one leaves the default's chain (here empty) in the route's place.
    expect(shape(removeBranch(process(route('r', approval('z'))), 'r-far'))).toBe('start > z')
    const withDefaultNodes = insertNode(process(route('r', approval('z'))), { branch: 'r-other' }, approval('x'))
    expect(shape(removeBranch(withDefaultNodes, 'r-far'))).toBe('start > x > z')
    expect(canRemoveBranch(withDefaultNodes, 'r-other')).toBe(false)
    expect(removeBranch(withDefaultNodes, 'r-other')).toBe(withDefaultNodes)
  })

  it('updates a node’s settings in place, keeping its chain and its branches’ nodes', () => {
    const base = process(approval('a', route('r', approval('z'))))
    const renamed = updateNode(base, { ...approval('a'), name: '经理审批', mode: 'any', next: null })
    expect(findNode(renamed, 'a')).toMatchObject({ name: '经理审批', mode: 'any' })
    expect(shape(renamed)).toBe(shape(base))
    const routeRenamed = updateNode(base, { ...route('r'), name: '按距离', branches: route('r').branches.map((branch) => ({ ...branch, next: null })) })
    expect(shape(routeRenamed)).toBe(shape(base))
    expect(findNode(routeRenamed, 'r')?.name).toBe('按距离')
    const conditioned = updateBranch(base, 'r-far', { name: '超过 200', condition: { '>': [{ var: 'form.distance' }, 200] } })
    expect(findBranch(conditioned, 'r-far')?.branch).toMatchObject({ name: '超过 200', condition: { '>': [{ var: 'form.distance' }, 200] } })
    // The default branch keeps no condition whatever it is given.
    expect(findBranch(updateBranch(base, 'r-other', { condition: { '==': [1, 1] } }), 'r-other')?.branch).toMatchObject({ condition: null })
  })

  it('lists nodes and branches, and the form fields the process reads', () => {
    const base = process(approval('a', route('r')))
    expect(allNodes(base).map((node) => node.id)).toEqual(['start', 'a', 'r', 'r-a', 'r-b'])
    expect(allBranches(base).map((branch) => branch.id)).toEqual(['r-far', 'r-other'])
    const withField = updateNode(base, { ...approval('a'), approvers: { kind: 'form-field', field: 'driver' } })
    expect([...fieldsUsedByProcess(withField)].sort()).toEqual(['distance', 'driver'])
    const renamed = renameFieldInProcess(renameFieldInProcess(withField, 'distance', 'km'), 'driver', 'chauffeur')
    expect([...fieldsUsedByProcess(renamed)].sort()).toEqual(['chauffeur', 'km'])
    expect(findBranch(renamed, 'r-far')?.branch).toMatchObject({ condition: { '>': [{ var: 'form.km' }, 100] } })
  })

  it('offers the form’s person and department fields to approver rules', () => {
    expect(
      approverFields({
        fields: [
          { key: 'driver', label: '司机', type: 'person' },
          { key: 'reason', label: '事由', type: 'text' },
          { key: 'dept', label: '用车部门', type: 'department' },
        ],
      }).map((field) => field.key),
    ).toEqual(['driver', 'dept'])
  })
})
