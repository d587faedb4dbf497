/** 合同状态. */
export const CONTRACT_STATUSES = ['draft', 'under_approval', 'active', 'needs_revision', 'completed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/**
 * Draft → (sign) under approval → active (approved) or needs revision (not approved) →
 * (sign again) under approval …; an active contract completes; any contract not yet
 * ended may be terminated. Editing is for drafts and contracts sent back.
 */
export const CONTRACT_TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  draft: ['under_approval', 'terminated'],
  under_approval: ['active', 'needs_revision', 'terminated'],
  active: ['completed', 'terminated'],
  needs_revision: ['under_approval', 'terminated'],
  completed: [],
  terminated: [],
};

export const canEdit = (status: ContractStatus): boolean => status === 'draft' || status === 'needs_revision';
export const canSign = (status: ContractStatus): boolean => CONTRACT_TRANSITIONS[status].includes('under_approval');
export const canComplete = (status: ContractStatus): boolean => CONTRACT_TRANSITIONS[status].includes('completed');
export const canTerminate = (status: ContractStatus): boolean => CONTRACT_TRANSITIONS[status].includes('terminated');
