import { describe, expect, it } from '@jest/globals';
import { nodeProgress, type TaskState } from './node-progress.js';

const task = (id: string, status: TaskState['status'], extra: Partial<TaskState> = {}): TaskState => ({ id, status, origin: 'rule', parentTaskId: null, seq: 0, ...extra });

describe('nodeProgress: the multi-approver modes', () => {
  it('all (会签): complete only when every approver approved', () => {
    expect(nodeProgress([task('a', 'approved'), task('b', 'open')], 'all')).toEqual({ complete: false, cancel: [], open: [] });
    expect(nodeProgress([task('a', 'approved'), task('b', 'approved')], 'all')).toEqual({ complete: true, cancel: [], open: [] });
  });

  it('any (或签): the first approval completes the node and the others are no longer needed', () => {
    expect(nodeProgress([task('a', 'open'), task('b', 'approved'), task('c', 'open')], 'any')).toEqual({ complete: true, cancel: ['a', 'c'], open: [] });
  });

  it('percentage: a share of the approvers, rounded up', () => {
    const three = (approved: number): TaskState[] => ['a', 'b', 'c'].map((id, index) => task(id, index < approved ? 'approved' : 'open'));
    expect(nodeProgress(three(1), 'percentage', 50).complete).toBe(false);
    expect(nodeProgress(three(2), 'percentage', 50)).toEqual({ complete: true, cancel: ['c'], open: [] });
    expect(nodeProgress(three(2), 'percentage', 67).complete).toBe(false);
    expect(nodeProgress(three(3), 'percentage', 67).complete).toBe(true);
  });

  it('sequential (依次): opens the next waiting approver in order once nobody is open', () => {
    const tasks = [task('a', 'approved', { seq: 0 }), task('c', 'waiting', { seq: 2 }), task('b', 'waiting', { seq: 1 })];
    expect(nodeProgress(tasks, 'sequential')).toEqual({ complete: false, cancel: [], open: ['b'] });
    expect(nodeProgress([task('a', 'open', { seq: 0 }), task('b', 'waiting', { seq: 1 })], 'sequential').open).toEqual([]);
    expect(nodeProgress([task('a', 'approved', { seq: 0 }), task('b', 'approved', { seq: 1 })], 'sequential').complete).toBe(true);
  });

  it('an approver added before someone holds that person until they approve, even in sequence', () => {
    const tasks = [task('a', 'waiting', { seq: 0 }), task('x', 'open', { origin: 'added-before', parentTaskId: 'a' }), task('b', 'waiting', { seq: 1 })];
    expect(nodeProgress(tasks, 'sequential')).toEqual({ complete: false, cancel: [], open: [] });
  });

  it('an approver added after someone must approve too, in every mode', () => {
    const tasks = [task('a', 'approved'), task('b', 'open'), task('x', 'open', { origin: 'added-after', parentTaskId: 'a' })];
    expect(nodeProgress(tasks, 'any')).toEqual({ complete: false, cancel: ['b'], open: [] });
    expect(nodeProgress([task('a', 'approved'), task('x', 'approved', { origin: 'added-after', parentTaskId: 'a' })], 'all').complete).toBe(true);
  });

  it('drops the approvers added before a task that is no longer needed', () => {
    const tasks = [task('a', 'approved'), task('b', 'waiting'), task('x', 'open', { origin: 'added-before', parentTaskId: 'b' })];
    expect(nodeProgress(tasks, 'any')).toEqual({ complete: true, cancel: ['b', 'x'], open: [] });
  });
});
