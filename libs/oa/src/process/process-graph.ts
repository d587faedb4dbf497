import type {
  OaApprovalNode,
  OaCcNode,
  OaConditionRoute,
  OaFormSchema,
  OaParallelRoute,
  OaProcessDefinition,
  OaProcessNode,
} from '@zhongshu/contracts';
import { compileCondition, conditionHolds, type CompiledCondition, type ConditionData } from './conditions.js';

/** A node a person acts on or is told about: where the engine stops and makes tasks or copies. */
export type WorkNode = OaApprovalNode | OaCcNode;

export type RouteNode = OaConditionRoute | OaParallelRoute;

/**
 * What entering or leaving a node leads to, in order: a work node to activate, a
 * condition route's choice, a parallel route's fork, a branch of a parallel route
 * that has finished (`join`: the route goes on once all its branches have), the end.
 */
export type RouteStep =
  | { kind: 'node'; node: WorkNode }
  | { kind: 'choice'; route: OaConditionRoute; branchId: string }
  | { kind: 'fork'; route: OaParallelRoute }
  | { kind: 'join'; route: OaParallelRoute }
  | { kind: 'end' };

interface Placement {
  /** The route whose branch chain holds the node, and which branch. */
  route?: RouteNode;
  branchId?: string;
}

/**
 * A published process, indexed: each node by id, the route and branch that hold it,
 * and the nodes inside each route. Pure and immutable, so one instance per published
 * version is cached and shared. It answers where a request goes when it enters or
 * leaves a node; the engine keeps the state (which nodes run, which branches finished).
 */
export class ProcessGraph {
  private readonly nodes = new Map<string, OaProcessNode>();
  private readonly placement = new Map<string, Placement>();
  private readonly inside = new Map<string, Set<string>>();
  private readonly conditions = new Map<string, CompiledCondition | null>();

  constructor(
    readonly definition: OaProcessDefinition,
    form: OaFormSchema,
  ) {
    this.index(definition.start, {});
    for (const node of this.nodes.values()) {
      if (node.type !== 'condition') continue;
      for (const branch of node.branches) {
        if (branch.condition === null) {
          this.conditions.set(branch.id, null);
          continue;
        }
        const { compiled } = compileCondition(branch.condition, form);
        // Publishing refused conditions that do not compile; one that still fails never holds.
        this.conditions.set(branch.id, compiled ?? { logic: false });
      }
    }
  }

  get start(): OaProcessNode {
    return this.definition.start;
  }

  node(id: string): OaProcessNode | undefined {
    return this.nodes.get(id);
  }

  /** Every node, in the order of the tree (a chain, then each route's branches in order). */
  allNodes(): OaProcessNode[] {
    return [...this.nodes.values()];
  }

  /** The ids of every node inside a route's branches, at any depth. */
  nodesInside(routeId: string): ReadonlySet<string> {
    return this.inside.get(routeId) ?? new Set();
  }

  /** The parallel routes around a node, outermost first. */
  enclosingParallels(nodeId: string): OaParallelRoute[] {
    const routes: OaParallelRoute[] = [];
    let placement = this.placement.get(nodeId);
    while (placement?.route) {
      if (placement.route.type === 'parallel') routes.unshift(placement.route);
      placement = this.placement.get(placement.route.id);
    }
    return routes;
  }

  /** Where entering `node` leads, conditions evaluated on `data`. */
  enter(node: OaProcessNode, data: ConditionData): RouteStep[] {
    switch (node.type) {
      case 'start':
        return this.after(node.id, data);
      case 'approval':
      case 'cc':
        return [{ kind: 'node', node }];
      case 'condition': {
        const branch = this.chooseBranch(node, data);
        if (!branch) return this.after(node.id, data);
        const choice: RouteStep = { kind: 'choice', route: node, branchId: branch.id };
        return [choice, ...(branch.next ? this.enter(branch.next, data) : this.after(node.id, data))];
      }
      case 'parallel': {
        const steps: RouteStep[] = [{ kind: 'fork', route: node }];
        for (const branch of node.branches) {
          steps.push(...(branch.next ? this.enter(branch.next, data) : [{ kind: 'join', route: node } as const]));
        }
        return steps;
      }
    }
  }

  /** The branch a condition route takes: the first whose condition holds, else the default. */
  chooseBranch(route: OaConditionRoute, data: ConditionData): OaConditionRoute['branches'][number] | undefined {
    return (
      route.branches.find((candidate) => {
        const condition = this.conditions.get(candidate.id);
        return condition !== null && condition !== undefined && conditionHolds(condition, data);
      }) ?? route.branches.find((candidate) => candidate.condition === null)
    );
  }

  /** Where leaving `nodeId` (done, or skipped) leads. */
  after(nodeId: string, data: ConditionData): RouteStep[] {
    const node = this.nodes.get(nodeId);
    if (!node) throw new Error(`node ${nodeId} is not in this process`);
    if (node.next) return this.enter(node.next, data);
    const { route } = this.placement.get(nodeId) ?? {};
    if (!route) return [{ kind: 'end' }];
    if (route.type === 'condition') return this.after(route.id, data);
    return [{ kind: 'join', route }];
  }

  private index(node: OaProcessNode | null | undefined, placement: Placement, ancestors: string[] = []): void {
    for (let current = node; current; current = current.next ?? null) {
      this.nodes.set(current.id, current);
      this.placement.set(current.id, placement);
      for (const routeId of ancestors) this.inside.get(routeId)?.add(current.id);
      if (current.type === 'condition' || current.type === 'parallel') {
        this.inside.set(current.id, new Set());
        for (const branch of current.branches) this.index(branch.next, { route: current, branchId: branch.id }, [...ancestors, current.id]);
      }
    }
  }
}
