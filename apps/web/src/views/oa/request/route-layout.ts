import type { RequestStatus, RouteNode } from '@/api/oa/requests'

/** Where a node of the drawn route sits, and what it is drawn from. */
export interface LaidOutNode {
  id: string
  x: number
  y: number
  kind: 'step' | 'end'
  /** The route's node (absent for the end). */
  node?: RouteNode
  /** The end: how the request ended, or that it has not yet. */
  state: 'done' | 'current' | 'pending' | 'skipped'
}

export interface LaidOutEdge {
  id: string
  source: string
  target: string
  /** The branch taken, on the edge into a branch's first node (超过 100 公里). */
  label?: string
  /** Drawn solid when the request has gone along it, dashed ahead. */
  travelled: boolean
}

export interface RouteLayout {
  nodes: LaidOutNode[]
  edges: LaidOutEdge[]
  width: number
  height: number
}

export const NODE_WIDTH = 220
export const NODE_HEIGHT = 96
const COLUMN_GAP = 36
const ROW_GAP = 56

/** One row of the drawing: a node alone, or the branches of a parallel route side by side. */
type Segment = { kind: 'single'; node: RouteNode } | { kind: 'parallel'; routeId: string; branches: Array<{ branchId: string; name: string; nodes: RouteNode[] }> }

/**
 * The route (in the order the server gives it: start, then each node the request takes
 * or would take) as rows. A parallel route's nodes come one branch after another, all
 * with that route's id; branches of a condition show only the one chosen, so a route
 * whose nodes name a single branch is a condition and stays in line, its branch
 * named on the edge into it.
 */
export function segmentsOf(route: readonly RouteNode[]): Segment[] {
  const branchesOfRoute = new Map<string, Set<string>>()
  for (const node of route) if (node.branch) branchesOfRoute.set(node.branch.routeId, (branchesOfRoute.get(node.branch.routeId) ?? new Set()).add(node.branch.branchId))
  const segments: Segment[] = []
  for (const node of route) {
    const parallel = node.branch && (branchesOfRoute.get(node.branch.routeId)?.size ?? 0) > 1 ? node.branch : undefined
    if (!parallel) {
      segments.push({ kind: 'single', node })
      continue
    }
    const last = segments.at(-1)
    const group = last?.kind === 'parallel' && last.routeId === parallel.routeId ? last : undefined
    const target = group ?? { kind: 'parallel' as const, routeId: parallel.routeId, branches: [] }
    if (!group) segments.push(target)
    const branch = target.branches.find((candidate) => candidate.branchId === parallel.branchId)
    if (branch) branch.nodes.push(node)
    else target.branches.push({ branchId: parallel.branchId, name: parallel.branchName, nodes: [node] })
  }
  return segments
}

function travelled(from: RouteNode | undefined, to: RouteNode | undefined, ended: boolean): boolean {
  const reached = (node: RouteNode | undefined) => node === undefined || node.status === 'done' || node.status === 'current'
  if (to === undefined) return ended && reached(from) && from?.status !== 'current'
  return reached(from) && reached(to)
}

function endState(status: RequestStatus | string): LaidOutNode['state'] {
  if (status === 'approved') return 'done'
  if (status === 'running' || status === 'returned') return 'pending'
  return 'skipped'
}

/** Positions for every node and the edges between them, top to bottom, centred. */
export function layoutRoute(route: readonly RouteNode[], requestStatus: RequestStatus | string): RouteLayout {
  const segments = segmentsOf(route)
  const columns = Math.max(1, ...segments.map((segment) => (segment.kind === 'parallel' ? segment.branches.length : 1)))
  const width = columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP
  const centreX = (count: number, index: number) => (width - (count * NODE_WIDTH + (count - 1) * COLUMN_GAP)) / 2 + index * (NODE_WIDTH + COLUMN_GAP)
  const nodes: LaidOutNode[] = []
  const edges: LaidOutEdge[] = []
  const ended = requestStatus !== 'running' && requestStatus !== 'returned'
  let y = 0
  // The nodes the next row connects from (a parallel route's branch ends join into it).
  let tails: RouteNode[] = []
  const connect = (from: RouteNode, to: RouteNode | undefined, targetId: string, label?: string) =>
    edges.push({ id: `${from.nodeId}->${targetId}`, source: from.nodeId, target: targetId, travelled: travelled(from, to, ended), ...(label ? { label } : {}) })

  for (const segment of segments) {
    if (segment.kind === 'single') {
      const node = segment.node
      nodes.push({ id: node.nodeId, x: centreX(1, 0), y, kind: 'step', node, state: node.status })
      const label = node.branch && !tails.some((tail) => tail.branch?.branchId === node.branch?.branchId) ? `${node.branch.branchName}` : undefined
      for (const tail of tails) connect(tail, node, node.nodeId, label)
      tails = [node]
      y += NODE_HEIGHT + ROW_GAP
      continue
    }
    const count = segment.branches.length
    const rows = Math.max(...segment.branches.map((branch) => branch.nodes.length))
    const nextTails: RouteNode[] = []
    segment.branches.forEach((branch, column) => {
      branch.nodes.forEach((node, row) => {
        nodes.push({ id: node.nodeId, x: centreX(count, column), y: y + row * (NODE_HEIGHT + ROW_GAP), kind: 'step', node, state: node.status })
        if (row === 0) for (const tail of tails) connect(tail, node, node.nodeId, branch.name)
        else connect(branch.nodes[row - 1] as RouteNode, node, node.nodeId)
      })
      nextTails.push(branch.nodes.at(-1) as RouteNode)
    })
    tails = nextTails
    y += rows * (NODE_HEIGHT + ROW_GAP)
  }
  nodes.push({ id: 'end', x: centreX(1, 0), y, kind: 'end', state: endState(requestStatus) })
  for (const tail of tails) connect(tail, undefined, 'end')
  return { nodes, edges, width, height: y + NODE_HEIGHT }
}
