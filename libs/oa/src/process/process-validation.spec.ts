import { describe, expect, it } from '@jest/globals';
import type { OaFormSchema } from '@zhongshu/contracts';
import { processProblems } from './process-validation.js';

const ADMIN = '019ab000-0000-7000-8000-0000000000aa';
const form: OaFormSchema = {
  fields: [
    { key: 'boss', label: '审批人', type: 'person' },
    { key: 'dept', label: '部门', type: 'department' },
    { key: 'amount', label: '金额', type: 'money' },
  ],
};
const settings = { adminId: ADMIN, autoApproveRepeated: true, autoApproveApplicant: true };
const approval = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id, type: 'approval', approvers: { kind: 'applicant' }, mode: 'all', whenEmpty: 'skip', ...extra });
const process = (next: unknown) => ({ settings, start: { id: 'start', name: '发起', type: 'start', next } });
const fields = (errors: Array<{ field: string }>) => errors.map((error) => error.field);

describe('processProblems: what publishing refuses, naming the node', () => {
  it('accepts a sound process', () => {
    const sound = process({
      id: 'route',
      name: '金额',
      type: 'condition',
      branches: [
        { id: 'big', name: '大额', condition: { '>': [{ var: 'form.amount' }, '10000'] }, next: approval('cfo', { approvers: { kind: 'form-field', field: 'boss' } }) },
        { id: 'else', name: '其他', condition: null, next: null },
      ],
      next: approval('leader', { approvers: { kind: 'department-leader', levelsUp: 0 } }),
    });
    expect(processProblems(sound, form)).toEqual([]);
  });

  it('a condition route without exactly one default branch', () => {
    const none = process({ id: 'route', name: 'r', type: 'condition', branches: [{ id: 'a', name: 'a', condition: { '==': [1, 1] } }, { id: 'b', name: 'b', condition: { '==': [1, 2] } }], next: approval('x') });
    expect(processProblems(none, form)).toEqual([{ field: 'process.route', message: 'a condition route needs exactly one default branch (one without a condition); it has 0' }]);
    const two = process({ id: 'route', name: 'r', type: 'condition', branches: [{ id: 'a', name: 'a', condition: null }, { id: 'b', name: 'b', condition: null }], next: approval('x') });
    expect(fields(processProblems(two, form))).toEqual(['process.route']);
  });

  it('a node without an approver rule, or with an unknown one', () => {
    expect(processProblems(process(approval('n1', { approvers: undefined })), form)).toEqual([{ field: 'process.n1', message: 'has no approver rule' }]);
    expect(fields(processProblems(process(approval('n1', { approvers: { kind: 'astrologer' } })), form))).toEqual(['process.n1']);
    expect(fields(processProblems(process({ id: 'c1', name: 'c', type: 'cc', next: approval('n2') }), form))).toEqual(['process.c1']);
  });

  it('an approval rule naming a field that is not a person or department field', () => {
    expect(processProblems(process(approval('n1', { approvers: { kind: 'form-field', field: 'amount' } })), form)).toEqual([
      { field: 'process.n1', message: 'the rule "form-field" names "amount", which is a money field, not a person or department field' },
    ]);
    expect(fields(processProblems(process(approval('n1', { approvers: { kind: 'form-field', field: 'nobody' } })), form))).toEqual(['process.n1']);
  });

  it('a condition that references an unknown field, naming the branch', () => {
    const bad = process({
      id: 'route',
      name: 'r',
      type: 'condition',
      branches: [{ id: 'far', name: 'far', condition: { '>': [{ var: 'form.distance' }, 1] }, next: approval('x') }, { id: 'else', name: 'else', condition: null }],
    });
    expect(processProblems(bad, form)).toEqual([{ field: 'process.far', message: 'the condition refers to "form.distance", which is neither a field of the form nor an applicant fact' }]);
  });

  it('unknown node types and duplicate ids', () => {
    expect(processProblems(process({ id: 'n1', name: 'x', type: 'robot', next: approval('n2') }), form)).toEqual([{ field: 'process.n1', message: 'unknown node type "robot"' }]);
    expect(processProblems(process(approval('n1', { next: approval('n1') })), form)).toEqual([{ field: 'process.n1', message: 'the id n1 is used by more than one node or branch' }]);
  });

  it('a process that cannot be followed to its end, or never asks anyone', () => {
    expect(processProblems(process(approval('n1', { next: 'n2' })), form)).toEqual([{ field: 'process.n1', message: 'what follows must be a node, or nothing to end the chain' }]);
    expect(processProblems(process(null), form)).toEqual([{ field: 'process.start', message: 'the process reaches its end without any approval node' }]);
    let deep: unknown = null;
    for (let index = 0; index < 70; index++) {
      deep = { id: `r${index}`, name: 'r', type: 'condition', branches: [{ id: `b${index}`, name: 'b', condition: null, next: deep ?? approval('leaf') }, { id: `c${index}`, name: 'c', condition: { '==': [1, 1] } }] };
    }
    expect(processProblems(process(deep), form).some((error) => /too large/.test(error.message))).toBe(true);
  });

  it('a parallel branch with nothing in it, and bad modes and settings', () => {
    const parallel = process({ id: 'par', name: 'p', type: 'parallel', branches: [{ id: 'p1', name: '1', next: approval('a') }, { id: 'p2', name: '2', next: null }] });
    expect(processProblems(parallel, form)).toEqual([{ field: 'process.p2', message: 'a parallel branch needs at least one node with an approver or recipient rule' }]);
    expect(fields(processProblems(process(approval('n1', { mode: 'percentage' })), form))).toEqual(['process.n1']);
    expect(fields(processProblems({ start: { id: 'start', name: 's', type: 'start', next: approval('n1') }, settings: { autoApproveRepeated: 1 } }, form))).toEqual([
      'process.settings.adminId',
      'process.settings.autoApproveRepeated',
      'process.settings.autoApproveApplicant',
    ]);
  });
});
