import { describe, expect, it } from '@jest/globals';
import { newId } from '../database/ids.js';
import { decodeSignals, encodeSignals } from './notification-signal.js';

describe('notification signals (the NOTIFY payload)', () => {
  it('carries each new notification with its recipient, and a recipient alone for changed counts', () => {
    const [anna, bo, note] = [newId(), newId(), newId()];
    const payloads = encodeSignals([{ recipientId: anna, notificationId: note }, { recipientId: bo }]);
    expect(payloads).toEqual([`${anna}/${note},${bo}`]);
    expect(decodeSignals(payloads[0])).toEqual([{ recipientId: anna, notificationId: note }, { recipientId: bo }]);
  });

  it('splits a large batch into payloads PostgreSQL accepts, losing none', () => {
    const signals = Array.from({ length: 500 }, () => ({ recipientId: newId(), notificationId: newId() }));
    const payloads = encodeSignals(signals);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(payloads.flatMap(decodeSignals)).toEqual(signals);
  });

  it('leaves out what is not a pair of ids', () => {
    const person = newId();
    expect(decodeSignals(`not-an-id,${person}/x,${person}/${person}/${person},,${person}`)).toEqual([{ recipientId: person }]);
    expect(encodeSignals([])).toEqual([]);
  });
});
