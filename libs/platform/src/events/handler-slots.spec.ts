import { describe, expect, it } from '@jest/globals';
import { HandlerSlots } from './handler-slots.js';

/** Work that runs until the test finishes it. */
function gate(): { started: boolean; finish(): void; fail(error: Error): void; work: () => Promise<string> } {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const state = {
    started: false,
    finish: () => finish(),
    fail: (error: Error) => fail(error),
    work: () => {
      state.started = true;
      return new Promise<string>((resolve, reject) => {
        finish = () => resolve('done');
        fail = reject;
      });
    },
  };
  return state;
}

/** Lets every promise continuation that is ready run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('HandlerSlots', () => {
  it('runs at most its size at once and starts the waiting ones in arrival order as slots free', async () => {
    const slots = new HandlerSlots(2);
    const gates = Array.from({ length: 5 }, () => gate());
    const results = gates.map((each) => slots.run(each.work));
    await settle();
    expect(gates.map((each) => each.started)).toEqual([true, true, false, false, false]);
    expect([slots.running, slots.queued]).toEqual([2, 3]);

    gates[1].finish();
    await settle();
    expect(gates.map((each) => each.started)).toEqual([true, true, true, false, false]);
    expect([slots.running, slots.queued]).toEqual([2, 2]);

    gates[0].finish();
    gates[2].finish();
    await settle();
    expect(gates.map((each) => each.started)).toEqual([true, true, true, true, true]);
    gates[3].finish();
    gates[4].finish();
    await expect(Promise.all(results)).resolves.toEqual(['done', 'done', 'done', 'done', 'done']);
    expect([slots.running, slots.queued]).toEqual([0, 0]);
  });

  it('frees the slot of a job that fails', async () => {
    const slots = new HandlerSlots(1);
    const failing = gate();
    const next = gate();
    const first = slots.run(failing.work);
    const second = slots.run(next.work);
    await settle();
    expect(next.started).toBe(false);
    failing.fail(new Error('handler failed'));
    await expect(first).rejects.toThrow('handler failed');
    await settle();
    expect(next.started).toBe(true);
    next.finish();
    await expect(second).resolves.toBe('done');
    expect(slots.running).toBe(0);
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => new HandlerSlots(0)).toThrow('not a positive whole number');
  });
});
