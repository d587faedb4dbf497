import type {
  OaApprovalNode,
  OaApproverRule,
  OaCcNode,
  OaConditionBranch,
  OaConditionRoute,
  OaField,
  OaFormSchema,
  OaParallelBranch,
  OaParallelRoute,
  OaProcessDefinition,
  OaProcessNode,
} from '@zhongshu/contracts'

/**
 * Editing the DingTalk-style process tree as data. Every function here is pure: it
 * answers a new definition and leaves the one it was given alone, so the designer can
 * keep what it showed (and a test can compare before and after). A chain is a linked
 * list through `next`; a route node holds branches whose chains join again before the
 * route's own `next`.
 */

export type NewNodeType = 'approval' | 'cc' | 'condition' | 'parallel'
export type RouteNode = OaConditionRoute | OaParallelRoute
export type Branch = OaConditionBranch | OaParallelBranch

/** Whatever a chain hangs from: a node (its `next`) or a branch (its first node). */
type Holder = { next?: OaProcessNode | null }

/** Where a new node goes: after a node (between it and its next), or first in a branch. */
export type InsertPoint = { after: string } | { branch: string }

/** The words new nodes and branches get, in the designer's language. */
export interface NodeNames {
  approval: string
  cc: string
  condition: string
  parallel: string
  /** "条件 {n}" / "Condition {n}" */
  conditionBranch: (n: number) => string
  defaultBranch: string
  /** "分支 {n}" / "Branch {n}" */
  parallelBranch: (n: number) => string
}

export function isRoute(node: OaProcessNode): node is RouteNode {
  return node.type === 'condition' || node.type === 'parallel'
}

/** A short id, unique in practice within one process (the server checks uniqueness on publish). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6))
  return `${prefix}_${Array.from(bytes, (byte) => byte.toString(36).padStart(2, '0')).join('').slice(0, 10)}`
}

function conditionBranch(name: string, condition: OaConditionBranch['condition']): OaConditionBranch {
  return { id: newId('branch'), name, condition, next: null }
}

/** A node of the kind the "+" menu offers, with settings that are valid to start from. */
export function createNode(type: NewNodeType, names: NodeNames): OaProcessNode {
  switch (type) {
    case 'approval':
      return {
        id: newId('approval'),
        type: 'approval',
        name: names.approval,
        approvers: { kind: 'department-leader', levelsUp: 0 },
        mode: 'sequential',
        whenEmpty: 'admin',
        next: null,
      } satisfies OaApprovalNode
    case 'cc':
      return { id: newId('cc'), type: 'cc', name: names.cc, recipients: { kind: 'people', personIds: [] }, next: null } satisfies OaCcNode
    case 'condition':
      return {
        id: newId('condition'),
        type: 'condition',
        name: names.condition,
        branches: [conditionBranch(names.conditionBranch(1), { and: [] }), conditionBranch(names.defaultBranch, null)],
        next: null,
      } satisfies OaConditionRoute
    case 'parallel':
      return {
        id: newId('parallel'),
        type: 'parallel',
        name: names.parallel,
        branches: [
          { id: newId('branch'), name: names.parallelBranch(1), next: null },
          { id: newId('branch'), name: names.parallelBranch(2), next: null },
        ],
        next: null,
      } satisfies OaParallelRoute
  }
}

/**
 * A deep copy of plain data. JSON rather than structuredClone: the designer hands in
 * Vue's reactive proxies, which structuredClone refuses, and a process is JSON anyway.
 */
export function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function clone(definition: OaProcessDefinition): OaProcessDefinition {
  return copyOf(definition)
}

/** The nodes of one chain, in order, from the holder's first. */
export function chainFrom(holder: Holder): OaProcessNode[] {
  const nodes: OaProcessNode[] = []
  for (let node = holder.next ?? null; node !== null; node = node.next ?? null) nodes.push(node)
  return nodes
}

interface Located {
  node: OaProcessNode
  /** What holds the node in its chain: the node before it, or its branch. */
  holder: Holder
}

function visit(holder: Holder, found: (located: Located) => boolean): Located | undefined {
  for (let node = holder.next ?? null, before: Holder = holder; node !== null; before = node, node = node.next ?? null) {
    const located = { node, holder: before }
    if (found(located)) return located
    if (isRoute(node)) {
      for (const branch of node.branches) {
        const inner = visit(branch, found)
        if (inner !== undefined) return inner
      }
    }
  }
  return undefined
}

function locate(definition: OaProcessDefinition, id: string): Located | undefined {
  if (definition.start.id === id) return { node: definition.start, holder: {} }
  return visit(definition.start, ({ node }) => node.id === id)
}

interface LocatedBranch {
  route: RouteNode
  index: number
  branch: Branch
}

function locateBranch(definition: OaProcessDefinition, branchId: string): LocatedBranch | undefined {
  let result: LocatedBranch | undefined
  visit(definition.start, ({ node }) => {
    if (!isRoute(node)) return false
    const index = node.branches.findIndex((branch) => branch.id === branchId)
    if (index < 0) return false
    result = { route: node, index, branch: node.branches[index]! }
    return true
  })
  return result
}

export function findNode(definition: OaProcessDefinition, id: string): OaProcessNode | undefined {
  return locate(definition, id)?.node
}

export function findBranch(definition: OaProcessDefinition, branchId: string): LocatedBranch | undefined {
  return locateBranch(definition, branchId)
}

/** Every node, start first, a route before the nodes of its branches. */
export function allNodes(definition: OaProcessDefinition): OaProcessNode[] {
  const nodes: OaProcessNode[] = [definition.start]
  visit(definition.start, ({ node }) => {
    nodes.push(node)
    return false
  })
  return nodes
}

/** Every branch of every route, in the same order. */
export function allBranches(definition: OaProcessDefinition): Branch[] {
  return allNodes(definition).flatMap((node) => (isRoute(node) ? node.branches : []))
}

export function insertNode(definition: OaProcessDefinition, at: InsertPoint, node: OaProcessNode): OaProcessDefinition {
  const result = clone(definition)
  const holder: Holder | undefined = 'after' in at ? locate(result, at.after)?.node : locateBranch(result, at.branch)?.branch
  if (holder === undefined) throw new Error(`no place ${JSON.stringify(at)} in this process`)
  const inserted = copyOf(node)
  inserted.next = holder.next ?? null
  holder.next = inserted
  return result
}

/** Removes a node; a route goes with all its branches. The start stays. */
export function removeNode(definition: OaProcessDefinition, id: string): OaProcessDefinition {
  if (definition.start.id === id) throw new Error('the start node cannot be removed')
  const result = clone(definition)
  const located = locate(result, id)
  if (located === undefined) throw new Error(`no node ${id} in this process`)
  located.holder.next = located.node.next ?? null
  return result
}

export type Direction = 'up' | 'down'

/** Whether a node can swap places with its neighbour in its own chain (the start never moves). */
export function canMoveNode(definition: OaProcessDefinition, id: string, direction: Direction): boolean {
  const located = locate(definition, id)
  if (located === undefined || located.node.type === 'start') return false
  if (direction === 'down') return (located.node.next ?? null) !== null
  const before = located.holder as Partial<OaProcessNode>
  return typeof before.type === 'string' && before.type !== 'start'
}

/** Swaps a node (with its branches) with the one before or after it in the same chain. */
export function moveNode(definition: OaProcessDefinition, id: string, direction: Direction): OaProcessDefinition {
  if (!canMoveNode(definition, id, direction)) return definition
  const result = clone(definition)
  const { node, holder } = locate(result, id)!
  if (direction === 'down') {
    const after = node.next!
    holder.next = after
    node.next = after.next ?? null
    after.next = node
    return result
  }
  const before = holder as OaProcessNode
  const { holder: beforeHolder } = locate(result, before.id)!
  beforeHolder.next = node
  before.next = node.next ?? null
  node.next = before
  return result
}

function isDefault(branch: Branch): boolean {
  return 'condition' in branch && branch.condition === null
}

/** A new branch: conditions go before the default branch, which stays last; parallel ones at the end. */
export function addBranch(definition: OaProcessDefinition, routeId: string, names: NodeNames): OaProcessDefinition {
  const result = clone(definition)
  const route = locate(result, routeId)?.node
  if (route === undefined || !isRoute(route)) throw new Error(`no route ${routeId} in this process`)
  if (route.type === 'condition') {
    const branch = conditionBranch(names.conditionBranch(route.branches.length), { and: [] })
    const defaultIndex = route.branches.findIndex(isDefault)
    route.branches.splice(defaultIndex < 0 ? route.branches.length : defaultIndex, 0, branch)
  } else {
    route.branches.push({ id: newId('branch'), name: names.parallelBranch(route.branches.length + 1), next: null })
  }
  return result
}

export function canRemoveBranch(definition: OaProcessDefinition, branchId: string): boolean {
  const located = locateBranch(definition, branchId)
  return located !== undefined && !isDefault(located.branch)
}

/**
 * Removes a branch with its nodes. A route needs two branches: when one would be left,
 * the route dissolves and the remaining branch's nodes take its place in the chain, so
 * what the admin built there is kept. The default branch of a condition route stays.
 */
export function removeBranch(definition: OaProcessDefinition, branchId: string): OaProcessDefinition {
  if (!canRemoveBranch(definition, branchId)) return definition
  const result = clone(definition)
  const { route, index } = locateBranch(result, branchId)!
  route.branches.splice(index, 1)
  if (route.branches.length >= 2) return result
  const remaining = chainFrom(route.branches[0]!)
  const { holder } = locate(result, route.id)!
  const after = route.next ?? null
  if (remaining.length === 0) {
    holder.next = after
  } else {
    holder.next = remaining[0]!
    remaining[remaining.length - 1]!.next = after
  }
  return result
}

export type Side = 'left' | 'right'

/** Branches trade places; in a condition route the order is the priority and the default stays last. */
export function canMoveBranch(definition: OaProcessDefinition, branchId: string, side: Side): boolean {
  const located = locateBranch(definition, branchId)
  if (located === undefined || isDefault(located.branch)) return false
  const target = located.index + (side === 'left' ? -1 : 1)
  const neighbour = located.route.branches[target]
  return neighbour !== undefined && !isDefault(neighbour)
}

export function moveBranch(definition: OaProcessDefinition, branchId: string, side: Side): OaProcessDefinition {
  if (!canMoveBranch(definition, branchId, side)) return definition
  const result = clone(definition)
  const { route, index } = locateBranch(result, branchId)!
  const target = index + (side === 'left' ? -1 : 1)
  const branches = route.branches as Branch[]
  ;[branches[index], branches[target]] = [branches[target]!, branches[index]!]
  return result
}

/** Replaces a node's own settings; its place, its `next` and its branches' chains stay. */
export function updateNode(definition: OaProcessDefinition, node: OaProcessNode): OaProcessDefinition {
  const result = clone(definition)
  if (result.start.id === node.id) {
    result.start = { ...copyOf(node), type: 'start', next: result.start.next ?? null } as OaProcessDefinition['start']
    return result
  }
  const located = locate(result, node.id)
  if (located === undefined) throw new Error(`no node ${node.id} in this process`)
  const replacement = { ...copyOf(node), next: located.node.next ?? null } as OaProcessNode
  if (isRoute(replacement) && isRoute(located.node)) {
    const chains = new Map(located.node.branches.map((branch) => [branch.id, branch.next ?? null]))
    for (const branch of replacement.branches) branch.next = chains.get(branch.id) ?? null
  }
  located.holder.next = replacement
  return result
}

/** Renames a branch or sets its condition; its nodes stay. */
export function updateBranch(definition: OaProcessDefinition, branchId: string, change: { name?: string; condition?: OaConditionBranch['condition'] }): OaProcessDefinition {
  const result = clone(definition)
  const located = locateBranch(result, branchId)
  if (located === undefined) throw new Error(`no branch ${branchId} in this process`)
  if (change.name !== undefined) located.branch.name = change.name
  if (change.condition !== undefined && 'condition' in located.branch && located.branch.condition !== null) {
    located.branch.condition = copyOf(change.condition)
  }
  return result
}

/** The form's person and department fields: what an approver rule of kind 'form-field' may name. */
export function approverFields(form: OaFormSchema): OaField[] {
  return form.fields.filter((field) => field.type === 'person' || field.type === 'department')
}

function rulesOf(node: OaProcessNode): OaApproverRule[] {
  if (node.type === 'approval') return [node.approvers]
  if (node.type === 'cc') return [node.recipients]
  return []
}

/** The form variables (`form.<key>…`) a JSON Logic expression reads. */
export function conditionVariables(logic: unknown): string[] {
  const names: string[] = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (node === null || typeof node !== 'object') return
    for (const [operator, argument] of Object.entries(node)) {
      if (operator === 'var') {
        const name = Array.isArray(argument) ? argument[0] : argument
        if (typeof name === 'string') names.push(name)
      } else {
        walk(argument)
      }
    }
  }
  walk(logic)
  return names
}

/** The keys of form fields the process reads: in approver rules and in branch conditions. */
export function fieldsUsedByProcess(definition: OaProcessDefinition): Set<string> {
  const keys = new Set<string>()
  for (const node of allNodes(definition)) {
    for (const rule of rulesOf(node)) if (rule.kind === 'form-field') keys.add(rule.field)
    if (node.type === 'condition') {
      for (const branch of node.branches) {
        for (const name of conditionVariables(branch.condition)) {
          if (name.startsWith('form.')) keys.add(name.slice(5).split('.')[0]!)
        }
      }
    }
  }
  return keys
}

function renameVariables(logic: unknown, from: string, to: string): unknown {
  if (Array.isArray(logic)) return logic.map((item) => renameVariables(item, from, to))
  if (logic === null || typeof logic !== 'object') return logic
  const renamed: Record<string, unknown> = {}
  for (const [operator, argument] of Object.entries(logic)) {
    if (operator === 'var' && typeof argument === 'string') {
      renamed.var = argument === `form.${from}` || argument.startsWith(`form.${from}.`) ? `form.${to}${argument.slice(5 + from.length)}` : argument
    } else {
      renamed[operator] = renameVariables(argument, from, to)
    }
  }
  return renamed
}

/** A field's key changed in the form: rules and conditions that named it follow. */
export function renameFieldInProcess(definition: OaProcessDefinition, from: string, to: string): OaProcessDefinition {
  const result = clone(definition)
  for (const node of allNodes(result)) {
    for (const rule of rulesOf(node)) if (rule.kind === 'form-field' && rule.field === from) rule.field = to
    if (node.type === 'condition') {
      for (const branch of node.branches) if (branch.condition !== null) branch.condition = renameVariables(branch.condition, from, to) as Record<string, unknown>
    }
  }
  return result
}
