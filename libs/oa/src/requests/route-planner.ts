import { Inject, Injectable } from '@nestjs/common';
import { ORG_DIRECTORY, type OaApprovalMode, type OaProcessNode, type OaWhenNoApprover, type OrgDirectory, type PersonProfile } from '@zhongshu/contracts';
import { resolveRule } from '../process/approver-rules.js';
import type { ConditionData } from '../process/conditions.js';
import type { PublishedVersion } from '../request-types/published-versions.js';

/** One node on the way a request takes (or would take), with the people it names. */
export interface PlannedNode {
  nodeId: string;
  name: string;
  type: 'start' | 'approval' | 'cc';
  mode?: OaApprovalMode;
  whenEmpty?: OaWhenNoApprover;
  /** Approvers (or CC recipients) as the rules resolve them now. */
  people: string[];
  /** The node's approvers are chosen by the approver before it, when that one approves. */
  chosenLater: boolean;
  /** The applicant chooses the node's approvers when submitting (a first node "chosen by the previous approver"). */
  chosenBySubmitter: boolean;
  /** The condition or parallel branch the node lies on, innermost. */
  branch?: { routeId: string; routeName: string; branchId: string; branchName: string };
}

/**
 * The way a request takes through its process, conditions evaluated on its form and
 * applicant, every rule resolved: what the submit page shows before submitting, what a
 * `refuse` node checks, and the pending part of a running request's route. Branches
 * already chosen by a running request can be given, so its route does not change
 * under it when the form would now choose another.
 */
@Injectable()
export class RoutePlanner {
  constructor(@Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory) {}

  async plan(
    version: PublishedVersion,
    applicant: PersonProfile,
    data: ConditionData,
    options: { chosenIds?: readonly string[]; choices?: ReadonlyMap<string, string>; resolvePeople?: boolean } = {},
  ): Promise<PlannedNode[]> {
    const planned: PlannedNode[] = [];
    let approvalSeen = false;
    const visit = async (first: OaProcessNode | null | undefined, branch: PlannedNode['branch']): Promise<void> => {
      for (let node = first; node; node = node.next ?? null) {
        switch (node.type) {
          case 'start':
            planned.push({ nodeId: node.id, name: node.name, type: 'start', people: [applicant.id], chosenLater: false, chosenBySubmitter: false, branch });
            break;
          case 'approval':
          case 'cc': {
            const rule = node.type === 'approval' ? node.approvers : node.recipients;
            // The applicant chooses for a first node chosen "by the previous approver"; later ones are chosen on the way.
            const chosenLater = rule.kind === 'chosen-by-previous' && approvalSeen;
            const people =
              options.resolvePeople === false || chosenLater
                ? []
                : await resolveRule(rule, { applicant, form: version.form, formData: data.form, chosenIds: options.chosenIds ?? [] }, this.directory);
            planned.push({
              nodeId: node.id,
              name: node.name,
              type: node.type,
              ...(node.type === 'approval' ? { mode: node.mode, whenEmpty: node.whenEmpty } : {}),
              people,
              chosenLater,
              chosenBySubmitter: rule.kind === 'chosen-by-previous' && !approvalSeen,
              branch,
            });
            if (node.type === 'approval') approvalSeen = true;
            break;
          }
          case 'condition': {
            const chosenId = options.choices?.get(node.id) ?? version.graph.chooseBranch(node, data)?.id;
            const chosen = node.branches.find((candidate) => candidate.id === chosenId);
            if (chosen) await visit(chosen.next, { routeId: node.id, routeName: node.name, branchId: chosen.id, branchName: chosen.name });
            break;
          }
          case 'parallel':
            for (const parallel of node.branches) await visit(parallel.next, { routeId: node.id, routeName: node.name, branchId: parallel.id, branchName: parallel.name });
            break;
        }
      }
    };
    await visit(version.process.start, undefined);
    return planned;
  }

  /** Whether submitting may be refused for want of approvers: only processes with a `refuse` node need a plan. */
  static mayRefuse(version: PublishedVersion): boolean {
    return version.graph.allNodes().some((node) => node.type === 'approval' && node.whenEmpty === 'refuse');
  }
}
