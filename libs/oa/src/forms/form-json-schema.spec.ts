import { describe, expect, it } from '@jest/globals';
import type { OaFormSchema } from '@zhongshu/contracts';
import { CompiledForm, formProblems } from './form-json-schema.js';

const P1 = '019ab000-0000-7000-8000-000000000101';
const D1 = '019ab000-0000-7000-8000-000000000201';
const F1 = '019ab000-0000-7000-8000-000000000301';

const form: OaFormSchema = {
  fields: [
    { key: 'title', label: '标题', type: 'text', required: true, maxLength: 20 },
    { key: 'phone', label: '手机', type: 'text', pattern: '^1[0-9]{10}$', patternMessage: '请输入 11 位手机号' },
    { key: 'reason', label: '事由', type: 'textarea' },
    { key: 'distance', label: '距离', type: 'number', min: 0, max: 5000, precision: 1 },
    { key: 'amount', label: '金额', type: 'money', min: '0.01', max: '1000000.00' },
    { key: 'day', label: '日期', type: 'date', min: '2026-01-01' },
    { key: 'trip', label: '行程', type: 'dateRange' },
    { key: 'seal', label: '印章', type: 'select', options: [{ value: 'company', label: '公章' }, { value: 'contract', label: '合同章' }] },
    { key: 'tags', label: '标签', type: 'multiSelect', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], maxItems: 2 },
    { key: 'boss', label: '审批人', type: 'person' },
    { key: 'team', label: '部门', type: 'department', multiple: true },
    { key: 'files', label: '附件', type: 'attachment', accept: ['.pdf'], maxFiles: 2 },
    {
      key: 'lines',
      label: '明细',
      type: 'table',
      maxRows: 3,
      columns: [
        { key: 'item', label: '项目', type: 'text', required: true },
        { key: 'amount', label: '金额', type: 'money', required: true },
        { key: 'owner', label: '负责人', type: 'person' },
      ],
    },
  ],
};

const good = {
  title: '出差',
  phone: '13800000000',
  reason: '拜访客户',
  distance: 120.5,
  amount: '1234.50',
  day: '2026-03-01',
  trip: { start: '2026-03-01', end: '2026-03-03' },
  seal: 'company',
  tags: ['a', 'b'],
  boss: P1,
  team: [D1],
  files: [{ id: F1, name: '合同.pdf', size: 100 }],
  lines: [{ item: '机票', amount: '800.00', owner: P1 }],
};

const compiled = new CompiledForm(form);
const errorsOf = (data: Record<string, unknown>) => compiled.check(data).errors;

describe('CompiledForm: a submission checked against its form', () => {
  it('accepts good values of every field type and names every reference for the server to check', () => {
    const check = compiled.check(good);
    expect(check.errors).toEqual([]);
    expect(check.references).toEqual([
      { kind: 'person', id: P1, field: 'formData.boss' },
      { kind: 'department', id: D1, field: 'formData.team[0]' },
      { kind: 'attachment', id: F1, field: 'formData.files[0]' },
      { kind: 'person', id: P1, field: 'formData.lines[0].owner' },
    ]);
  });

  it('treats empty optional values as absent, and requires the required ones', () => {
    expect(errorsOf({ title: '出差', phone: null, boss: null })).toEqual([]);
    expect(errorsOf({ phone: '13800000000' })).toEqual([{ field: 'formData.title', message: 'is required' }]);
    expect(errorsOf({ title: '' })).toEqual([{ field: 'formData.title', message: 'is required' }]);
  });

  it('refuses unknown fields, in the form and in table lines', () => {
    expect(errorsOf({ ...good, salary: 1 })).toEqual([{ field: 'formData.salary', message: 'is not a field of this form' }]);
    expect(errorsOf({ ...good, lines: [{ item: 'x', amount: '1.00', extra: true }] })).toEqual([{ field: 'formData.lines[0].extra', message: 'is not a field of this form' }]);
  });

  it('text: length and pattern, with the form’s own message', () => {
    expect(errorsOf({ ...good, title: 'x'.repeat(21) })).toEqual([{ field: 'formData.title', message: 'must NOT have more than 20 characters' }]);
    expect(errorsOf({ ...good, phone: '12345' })).toEqual([{ field: 'formData.phone', message: '请输入 11 位手机号' }]);
    expect(errorsOf({ ...good, reason: 42 })).toEqual([{ field: 'formData.reason', message: 'must be string' }]);
  });

  it('number: type, range and decimals', () => {
    expect(errorsOf({ ...good, distance: '120' })).toEqual([{ field: 'formData.distance', message: 'must be number' }]);
    expect(errorsOf({ ...good, distance: 6000 })).toEqual([{ field: 'formData.distance', message: 'must be <= 5000' }]);
    expect(errorsOf({ ...good, distance: 1.25 })).toEqual([{ field: 'formData.distance', message: 'may have at most 1 decimals' }]);
  });

  it('money: a decimal string, never a number, within decimal bounds', () => {
    expect(errorsOf({ ...good, amount: 1234.5 })).toEqual([{ field: 'formData.amount', message: 'must be string' }]);
    expect(errorsOf({ ...good, amount: '12.345' })).toEqual([{ field: 'formData.amount', message: 'must be an amount with at most two decimals, like 1234.50' }]);
    expect(errorsOf({ ...good, amount: '0.00' })).toEqual([{ field: 'formData.amount', message: 'must be at least 0.01' }]);
    expect(errorsOf({ ...good, amount: '1000000.01' })).toEqual([{ field: 'formData.amount', message: 'must be at most 1000000.00' }]);
  });

  it('date and date range: format, bounds, and an end on or after the start', () => {
    expect(errorsOf({ ...good, day: '2026-02-30x' })).toEqual([{ field: 'formData.day', message: 'must be a date, YYYY-MM-DD' }]);
    expect(errorsOf({ ...good, day: '2025-12-31' })).toEqual([{ field: 'formData.day', message: 'must be on or after 2026-01-01' }]);
    expect(errorsOf({ ...good, trip: { start: '2026-03-03', end: '2026-03-01' } })).toEqual([{ field: 'formData.trip.end', message: 'must not end before it starts' }]);
    expect(errorsOf({ ...good, trip: { start: '2026-03-03', end: '2026-03-03' } })).toEqual([]);
    expect(errorsOf({ ...good, trip: { start: '2026-03-03' } })).toEqual([{ field: 'formData.trip.end', message: 'is required' }]);
  });

  it('choices: one of the options; several without repeats', () => {
    expect(errorsOf({ ...good, seal: 'private' })).toEqual([{ field: 'formData.seal', message: 'is not one of the options' }]);
    expect(errorsOf({ ...good, tags: ['a', 'a'] })).toEqual([{ field: 'formData.tags', message: 'must NOT have duplicate items (items ## 1 and 0 are identical)' }]);
    expect(errorsOf({ ...good, tags: ['c'] })).toEqual([{ field: 'formData.tags[0]', message: 'is not one of the options' }]);
  });

  it('person, department and attachment values are ids; attachments of the accepted types only', () => {
    expect(errorsOf({ ...good, boss: 'not-an-id' })).toEqual([{ field: 'formData.boss', message: 'must be an id' }]);
    expect(errorsOf({ ...good, team: D1 })).toEqual([{ field: 'formData.team', message: 'must be array' }]);
    expect(errorsOf({ ...good, files: [{ id: F1, name: 'virus.exe', size: 1 }] })).toEqual([{ field: 'formData.files[0]', message: 'must be a file of type .pdf' }]);
    expect(errorsOf({ ...good, files: [{ id: F1 }, { id: F1 }, { id: F1 }] })).toEqual([{ field: 'formData.files', message: 'must NOT have more than 2 items' }]);
  });

  it('table: each line checked by its columns, with the line in the path', () => {
    expect(errorsOf({ ...good, lines: [{ item: 'a', amount: '1.00' }, { item: 'b', amount: '1.00' }, { item: 'c', amount: 'x' }] })).toEqual([
      { field: 'formData.lines[2].amount', message: 'must be an amount with at most two decimals, like 1234.50' },
    ]);
    expect(errorsOf({ ...good, lines: [{ amount: '1.00' }] })).toEqual([{ field: 'formData.lines[0].item', message: 'is required' }]);
  });
});

describe('formProblems: what publishing refuses in a form', () => {
  it('accepts the form above', () => {
    expect(formProblems(form)).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(
      formProblems({
        fields: [
          { key: 'a', label: 'A', type: 'text', pattern: '([' },
          { key: 'a', label: 'A2', type: 'text' },
          { key: 'b', label: 'B', type: 'select', options: [] },
          { key: 'c', label: 'C', type: 'hologram' },
          { key: 't', label: 'T', type: 'table', columns: [{ key: 'f', label: 'F', type: 'attachment' }] },
          { key: 'm', label: 'M', type: 'money', min: 5 },
        ],
      }).map((error) => error.field),
    ).toEqual(['form.a', 'form.a', 'form.b', 'form.c', 'form.t.f', 'form.m']);
  });
});
