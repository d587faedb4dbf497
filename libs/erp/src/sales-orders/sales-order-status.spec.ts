import { describe, expect, it } from '@jest/globals';
import { canCancel, canConfirm } from './sales-order-status.js';

describe('sales order states', () => {
  it('only an order waiting for its approval is confirmed', () => {
    expect(canConfirm('pending_approval')).toBe(true);
    expect(canConfirm('confirmed')).toBe(false);
    expect(canConfirm('cancelled')).toBe(false);
  });

  it('a waiting order is cancelled by a rejection; a confirmed one only by terminating its contract; a cancelled one never again', () => {
    expect(canCancel('pending_approval', false)).toBe(true);
    expect(canCancel('pending_approval', true)).toBe(true);
    expect(canCancel('confirmed', false)).toBe(false);
    expect(canCancel('confirmed', true)).toBe(true);
    expect(canCancel('cancelled', true)).toBe(false);
  });
});
