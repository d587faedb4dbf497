import { describe, expect, it } from '@jest/globals';
import type { OaFormSchema, OaProcessDefinition, OaProcessNode } from '@zhongshu/contracts';
import type { ConditionData } from './conditions.js';
import { ProcessGraph, type RouteStep } from './process-graph.js';

const form: OaFormSchema = { fields: [{ key: 'distance', label: '距离', type: 'number' }] };
const approval = (id: string, next: OaProcessNode | null = null): OaProcessNode => ({
  id,
  name: id,
  type: 'approval',
  approvers: { kind: 'applicant' },
  mode: 'all',
  whenEmpty: 'skip',
  next,
});
const settings = { adminId: '019ab000-0000-7000-8000-0000000000aa', autoApproveRepeated: false, autoApproveApplicant: false };

/**
 * start → a → condition(far: b, default: —) → parallel(p1: c → d, p2: cc e) → f → end
 */
const definition: OaProcessDefinition = {
  settings,
  start: {
    id: 'start',
    name: '发起',
    type: 'start',
    next: approval('a', {
      id: 'route',
      name: '距离',
      type: 'condition',
      branches: [
        { id: 'far', name: '远', condition: { '>': [{ var: 'form.distance' }, 100] }, next: approval('b') },
        { id: 'near', name: '近', condition: null, next: null },
      ],
      next: {
        id: 'par',
        name: '并行',
        type: 'parallel',
        branches: [
          { id: 'p1', name: '一', next: approval('c', approval('d')) },
          { id: 'p2', name: '二', next: { id: 'e', name: 'e', type: 'cc', recipients: { kind: 'applicant' } } },
        ],
        next: approval('f'),
      },
    }),
  },
};

const data = (distance: number): ConditionData => ({ form: { distance }, applicant: { id: 'x', departmentId: 'd', positionId: null, level: null } });
const describeSteps = (steps: RouteStep[]): string[] =>
  steps.map((step) => (step.kind === 'node' ? step.node.id : step.kind === 'choice' ? `choice:${step.route.id}=${step.branchId}` : step.kind === 'end' ? 'end' : `${step.kind}:${step.route.id}`));

describe('ProcessGraph', () => {
  const graph = new ProcessGraph(definition, form);

  it('enters the first work node from the start', () => {
    expect(describeSteps(graph.enter(graph.start, data(0)))).toEqual(['a']);
  });

  it('takes the first condition branch that holds, else the default, then goes on after the route', () => {
    expect(describeSteps(graph.after('a', data(150)))).toEqual(['choice:route=far', 'b']);
    expect(describeSteps(graph.after('a', data(50)))).toEqual(['choice:route=near', 'fork:par', 'c', 'e']);
    expect(describeSteps(graph.after('b', data(150)))).toEqual(['fork:par', 'c', 'e']);
  });

  it('ends a parallel branch in a join, and goes on after the route from there', () => {
    expect(describeSteps(graph.after('c', data(0)))).toEqual(['d']);
    expect(describeSteps(graph.after('d', data(0)))).toEqual(['join:par']);
    expect(describeSteps(graph.after('e', data(0)))).toEqual(['join:par']);
    expect(describeSteps(graph.after('par', data(0)))).toEqual(['f']);
    expect(describeSteps(graph.after('f', data(0)))).toEqual(['end']);
  });

  it('knows what lies inside a route and which parallel routes enclose a node', () => {
    expect([...graph.nodesInside('par')].sort()).toEqual(['c', 'd', 'e']);
    expect([...graph.nodesInside('route')]).toEqual(['b']);
    expect(graph.enclosingParallels('d').map((route) => route.id)).toEqual(['par']);
    expect(graph.enclosingParallels('f')).toEqual([]);
  });
});
