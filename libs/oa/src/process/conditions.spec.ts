import { describe, expect, it } from '@jest/globals';
import type { OaFormSchema } from '@zhongshu/contracts';
import { compileCondition, conditionHolds, type ConditionData } from './conditions.js';

const form: OaFormSchema = {
  fields: [
    { key: 'amount', label: '金额', type: 'money' },
    { key: 'distance', label: '距离', type: 'number' },
    { key: 'kind', label: '类型', type: 'select', options: [{ value: 'a', label: 'A' }] },
    { key: 'lines', label: '明细', type: 'table', columns: [{ key: 'price', label: '单价', type: 'number' }] },
  ],
};

const data = (form: Record<string, unknown>, applicant: Partial<ConditionData['applicant']> = {}): ConditionData => ({
  form,
  applicant: { id: 'p1', departmentId: 'd1', positionId: null, level: 3, ...applicant },
});

const holds = (condition: Record<string, unknown>, values: ConditionData): boolean => {
  const { compiled, problems } = compileCondition(condition, form);
  expect(problems).toEqual([]);
  return conditionHolds(compiled!, values);
};

describe('conditions (JSON Logic, allow-listed, money as decimals)', () => {
  it('evaluates comparisons over form fields and applicant facts', () => {
    expect(holds({ '>': [{ var: 'form.distance' }, 100] }, data({ distance: 150 }))).toBe(true);
    expect(holds({ '>': [{ var: 'form.distance' }, 100] }, data({ distance: 80 }))).toBe(false);
    expect(holds({ '>=': [{ var: 'applicant.level' }, 3] }, data({}))).toBe(true);
    expect(holds({ and: [{ '==': [{ var: 'form.kind' }, 'a'] }, { '==': [{ var: 'applicant.departmentId' }, 'd1'] }] }, data({ kind: 'a' }))).toBe(true);
    expect(holds({ in: [{ var: 'applicant.departmentId' }, ['d2', 'd3']] }, data({}))).toBe(false);
  });

  it('compares money with decimal.js, exactly, even beyond what a JS number holds', () => {
    expect(holds({ '>': [{ var: 'form.amount' }, '10000'] }, data({ amount: '10000.01' }))).toBe(true);
    expect(holds({ '>': [{ var: 'form.amount' }, '10000'] }, data({ amount: '10000.00' }))).toBe(false);
    // 2^53 + 1 is not a JS number: as numbers these two are equal.
    expect(holds({ '>': [{ var: 'form.amount' }, '9007199254740992'] }, data({ amount: '9007199254740993' }))).toBe(true);
    expect(holds({ '<=': ['100', { var: 'form.amount' }, '200'] }, data({ amount: '150.50' }))).toBe(true);
    expect(holds({ '==': [{ var: 'form.amount' }, '5'] }, data({ amount: '5.00' }))).toBe(true);
    expect(holds({ '!=': [{ var: 'form.amount' }, '5'] }, data({ amount: '5.00' }))).toBe(false);
    // An amount left empty satisfies no comparison.
    expect(holds({ '<': [{ var: 'form.amount' }, '10'] }, data({}))).toBe(false);
  });

  it('refuses operators off the allow-list, method calls included', () => {
    expect(compileCondition({ log: 'x' }, form).problems).toEqual(['the operator "log" is not allowed in a condition']);
    expect(compileCondition({ 'Math.max': [1, 2] }, form).problems).toEqual(['the operator "Math.max" is not allowed in a condition']);
    expect(compileCondition({ and: [true, { substr: ['abc', 1] }] }, form).problems).toEqual(['the operator "substr" is not allowed in a condition']);
  });

  it('refuses variables that are neither form fields nor applicant facts', () => {
    expect(compileCondition({ '>': [{ var: 'form.price' }, 1] }, form).problems).toEqual([
      'the condition refers to "form.price", which is neither a field of the form nor an applicant fact',
    ]);
    expect(compileCondition({ '==': [{ var: 'applicant.salary' }, 1] }, form).problems).toHaveLength(1);
    expect(compileCondition({ '==': [{ var: 'constructor' }, 1] }, form).problems).toHaveLength(1);
  });

  it('lets the element of some/all/none name its own fields', () => {
    const condition = { some: [{ var: 'form.lines' }, { '>': [{ var: 'price' }, 1000] }] };
    expect(holds(condition, data({ lines: [{ price: 10 }, { price: 2000 }] }))).toBe(true);
    expect(holds(condition, data({ lines: [{ price: 10 }] }))).toBe(false);
  });
});
