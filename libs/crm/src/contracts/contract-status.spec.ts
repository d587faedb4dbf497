import { describe, expect, it } from '@jest/globals';
import { CONTRACT_STATUSES, canComplete, canEdit, canSign, canTerminate } from './contract-status.js';

describe('contract states', () => {
  it('signs a draft or a contract sent back, nothing else', () => {
    expect(CONTRACT_STATUSES.filter(canSign)).toEqual(['draft', 'needs_revision']);
    expect(CONTRACT_STATUSES.filter(canEdit)).toEqual(['draft', 'needs_revision']);
  });

  it('completes only an active contract; terminates any not yet ended', () => {
    expect(CONTRACT_STATUSES.filter(canComplete)).toEqual(['active']);
    expect(CONTRACT_STATUSES.filter(canTerminate)).toEqual(['draft', 'under_approval', 'active', 'needs_revision']);
  });
});
