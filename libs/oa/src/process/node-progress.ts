import type { OaApprovalMode } from '@zhongshu/contracts';

export const TASK_STATUSES = ['waiting', 'open', 'approved', 'rejected', 'returned', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Where a task came from: the node's rule (or the process admin standing in when the
 * rule found nobody), or an approver added before or after the one who added them (加签).
 */
export type TaskOrigin = 'rule' | 'admin' | 'added-before' | 'added-after';

export interface TaskState {
  id: string;
  status: TaskStatus;
  origin: TaskOrigin;
  parentTaskId: string | null;
  seq: number;
}

export interface NodeProgress {
  /** The node is decided (approved): the request moves on. */
  complete: boolean;
  /** Tasks that no longer need an answer (或签 once one approved, a share reached). */
  cancel: string[];
  /** Waiting tasks whose turn has come (the next one in 依次审批). */
  open: string[];
}

const PENDING = new Set<TaskStatus>(['waiting', 'open']);

/**
 * How one approval node stands, given its tasks. Pure, the heart of the multi-approver
 * modes: sequential and all need every rule task approved, any needs one, percentage
 * needs its share (rounded up). Approvers added after someone (加签) must approve as
 * well in every mode; approvers added before someone hold that person's task until
 * they approve. A rejection is not decided here: it ends the request at once.
 */
export function nodeProgress(tasks: readonly TaskState[], mode: OaApprovalMode, percentage = 100): NodeProgress {
  const ruled = tasks.filter((task) => task.origin === 'rule' || task.origin === 'admin');
  const approved = ruled.filter((task) => task.status === 'approved').length;
  const live = ruled.filter((task) => task.status !== 'cancelled');
  const total = live.length;
  let satisfied: boolean;
  switch (mode) {
    case 'any':
      satisfied = approved >= 1;
      break;
    case 'percentage':
      satisfied = approved * 100 >= percentage * total;
      break;
    default:
      satisfied = total > 0 && approved === total;
  }
  const childrenOf = (id: string): TaskState[] => tasks.filter((task) => task.parentTaskId === id);
  if (satisfied) {
    // Rule tasks still pending are not needed any more, nor the approvers added before them.
    const cancel = new Set<string>();
    const drop = (task: TaskState): void => {
      if (!PENDING.has(task.status) || cancel.has(task.id)) return;
      cancel.add(task.id);
      for (const child of childrenOf(task.id)) if (child.origin === 'added-before') drop(child);
    };
    ruled.forEach(drop);
    const added = tasks.filter((task) => (task.origin === 'added-after' || task.origin === 'added-before') && PENDING.has(task.status) && !cancel.has(task.id));
    return { complete: added.length === 0, cancel: [...cancel], open: [] };
  }
  const open: string[] = [];
  if (mode === 'sequential') {
    const blocked = (task: TaskState): boolean => childrenOf(task.id).some((child) => PENDING.has(child.status));
    const busy = ruled.some((task) => task.status === 'open' || (task.status === 'waiting' && blocked(task)));
    if (!busy) {
      const next = ruled.filter((task) => task.status === 'waiting').sort((a, b) => a.seq - b.seq)[0];
      if (next) open.push(next.id);
    }
  }
  return { complete: false, cancel: [], open };
}
