import { describe, expect, it } from 'vitest'
import type { RouteNode } from '@/api/oa/requests'
import { layoutRoute, segmentsOf } from './route-layout'

function node(nodeId: string, status: RouteNode['status'], extra: Partial<RouteNode> = {}): RouteNode {
  return { nodeId, name: nodeId, type: 'approval', status, chosenLater: false, people: [], ...extra }
}
const branch = (routeId: string, branchId: string, branchName = branchId) => ({ routeId, routeName: routeId, branchId, branchName })

describe('the route diagram layout', () => {
  it('keeps a condition in line, naming the branch it took on the edge into it', () => {
    const route = [node('start', 'done', { type: 'start' }), node('leader', 'done'), node('upper', 'current', { branch: branch('distance', 'far', '超过 100 公里') })]
    const layout = layoutRoute(route, 'running')
    expect(layout.nodes.map((laid) => [laid.id, laid.x])).toEqual([
      ['start', 0],
      ['leader', 0],
      ['upper', 0],
      ['end', 0],
    ])
    expect(layout.edges.find((edge) => edge.target === 'upper')).toMatchObject({ source: 'leader', label: '超过 100 公里', travelled: true })
    expect(layout.edges.find((edge) => edge.target === 'end')).toMatchObject({ source: 'upper', travelled: false })
    expect(layout.nodes.at(-1)).toMatchObject({ kind: 'end', state: 'pending' })
  })

  it('lays the branches of a parallel route side by side, forking from the node before and joining into the next', () => {
    const route = [
      node('start', 'done', { type: 'start' }),
      node('hr', 'done', { branch: branch('both', 'a') }),
      node('hr2', 'current', { branch: branch('both', 'a') }),
      node('it', 'current', { branch: branch('both', 'b') }),
      node('boss', 'pending'),
    ]
    expect(segmentsOf(route).map((segment) => segment.kind)).toEqual(['single', 'parallel', 'single'])
    const layout = layoutRoute(route, 'running')
    const at = (id: string) => layout.nodes.find((laid) => laid.id === id)!
    expect(at('hr').y).toBe(at('it').y)
    expect(at('hr').x).toBeLessThan(at('it').x)
    expect(at('hr2').y).toBeGreaterThan(at('hr').y)
    // The join waits below the longest branch.
    expect(at('boss').y).toBeGreaterThan(at('hr2').y)
    expect(layout.edges.filter((edge) => edge.source === 'start').map((edge) => edge.target).sort()).toEqual(['hr', 'it'])
    expect(layout.edges.filter((edge) => edge.target === 'boss').map((edge) => edge.source).sort()).toEqual(['hr2', 'it'])
    expect(layout.edges.find((edge) => edge.target === 'hr2')).toMatchObject({ source: 'hr', travelled: true })
    expect(layout.edges.find((edge) => edge.target === 'boss')).toMatchObject({ travelled: false })
    expect(layout.width).toBeGreaterThan(at('it').x)
  })

  it('draws how the request ended', () => {
    const route = [node('start', 'done', { type: 'start' }), node('leader', 'done')]
    expect(layoutRoute(route, 'approved').nodes.at(-1)).toMatchObject({ state: 'done' })
    expect(layoutRoute(route, 'approved').edges.at(-1)).toMatchObject({ target: 'end', travelled: true })
    expect(layoutRoute([...route, node('cfo', 'skipped')], 'rejected').nodes.at(-1)).toMatchObject({ state: 'skipped' })
  })
})
