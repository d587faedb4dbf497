import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { sql } from './org-fixtures.js';
import { startOaApi, type OaTestApi } from './oa-app.js';
import { act, approveAs, OaPeople, openTaskOf, tasksOf } from './oa-fixtures.js';
import { upload } from './oa-leave-fixtures.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2d6c0a70000000049454e44ae426082', 'hex');

describe('expense claims', () => {
  let api: OaTestApi;
  let people: OaPeople;
  let serial = 0;
  const invoice = () => `TEST${String(Date.now()).slice(-8)}${String((serial += 1)).padStart(3, '0')}`;

  beforeAll(async () => {
    api = await startOaApi();
    people = await OaPeople.start(api);
  });
  afterAll(async () => api?.close());

  const receipt = async (username = 'employee', name = '发票.pdf') => (await upload(api, await people.token(username), name)).id;
  const line = async (extra: Record<string, unknown> = {}, owner = 'employee') => ({ category: 'transport', date: '2026-02-20', amount: '100.00', currency: 'CNY', invoiceNo: invoice(), receiptFileId: await receipt(owner), ...extra });
  const file = async (lines: Array<Record<string, unknown>>, username = 'employee', title = '测试报销') =>
    request(api.url).post('/api/v1/oa/expenses').set('authorization', await people.token(username)).send({ title, lines });

  it('totals the lines in decimal arithmetic, converting at the stated rate; the small claim goes leader → finance', async () => {
    const response = await file([
      await line({ amount: '0.10' }),
      await line({ amount: '0.20' }),
      await line({ category: 'accommodation', amount: '150.00', currency: 'USD', rate: '7.1032', tax: '8.49' }),
    ]);
    expect(response.status).toBe(201);
    // 0.10 + 0.20 + 150 × 7.1032 = 1065.78 exactly.
    expect(response.body.total).toBe('1065.78');
    const claim = await request(api.url).get(`/api/v1/oa/expenses/${response.body.id}`).set('authorization', await people.token('employee')).expect(200);
    expect(claim.body.lines.map((row: { amountCny: string; rate: string }) => [row.amountCny, row.rate])).toEqual([
      ['0.10', '1'],
      ['0.20', '1'],
      ['1065.48', '7.1032'],
    ]);
    expect(claim.body.lines[0].receipt).toMatchObject({ name: '发票.pdf' });
    // The leader deciding on it reads the lines and downloads the receipts (without oa:expense:read); a colleague does not.
    const receiptId = claim.body.lines[0].receipt.id as string;
    const asManager = await people.token('manager');
    expect((await request(api.url).get(`/api/v1/oa/expenses/${response.body.id}`).set('authorization', asManager)).body.lines).toHaveLength(3);
    await request(api.url).get(`/api/v1/platform/files/${receiptId}`).set('authorization', asManager).expect(200);
    expect((await request(api.url).get(`/api/v1/platform/files/${receiptId}`).set('authorization', await people.token('sales'))).status).toBe(404);
    await approveAs(api, people, 'manager', response.body.requestId);
    expect((await tasksOf(api, response.body.requestId)).map((task) => task.assignee)).toEqual(['manager', 'finance']);
    await approveAs(api, people, 'finance', response.body.requestId);
    const [event] = await sql<{ payload: Record<string, unknown> }>(api, `SELECT payload FROM platform.outbox_event WHERE type = 'oa.expense.approved' AND aggregate_id = $1`, [response.body.id]);
    expect(event.payload).toMatchObject({ claimId: response.body.id, currency: 'CNY', total: '1065.78' });
    expect((event.payload.lines as unknown[])[2]).toMatchObject({ currency: 'USD', amount: '150.00', rate: '7.1032', amountCny: '1065.48', tax: '8.49' });
    // Finance reads it; a colleague does not.
    await request(api.url).get(`/api/v1/oa/expenses/${response.body.id}`).set('authorization', await people.token('finance')).expect(200);
    expect((await request(api.url).get(`/api/v1/oa/expenses/${response.body.id}`).set('authorization', await people.token('sales'))).status).toBe(404);
  });

  it('over 5 000, or client entertainment, the finance director approves too', async () => {
    const big = await file([await line({ category: 'travel', amount: '5000.01' })]);
    await approveAs(api, people, 'manager', big.body.requestId);
    await approveAs(api, people, 'cfo', big.body.requestId);
    await approveAs(api, people, 'finance', big.body.requestId);
    const dinner = await file([await line({ category: 'entertainment', amount: '300.00' })]);
    await approveAs(api, people, 'manager', dinner.body.requestId);
    expect((await tasksOf(api, dinner.body.requestId)).filter((task) => task.status === 'open').map((task) => task.assignee)).toEqual(['cfo']);
    const exactly = await file([await line({ category: 'travel', amount: '5000.00' })]);
    await approveAs(api, people, 'manager', exactly.body.requestId);
    expect((await tasksOf(api, exactly.body.requestId)).filter((task) => task.status === 'open').map((task) => task.assignee)).toEqual(['finance']);
  });

  it('refuses a bad line on the line: future date, missing rate, tax above the amount, a receipt of the wrong type or not one’s own', async () => {
    const png = (await upload(api, await people.token('employee'), 'photo.png', PNG)).id;
    const text = await request(api.url).post(`/api/v1/platform/files?name=${encodeURIComponent('notes.txt')}`).set('authorization', await people.token('employee')).set('content-type', 'application/octet-stream').send(Buffer.from('hello'));
    const response = await file([
      await line({ date: '2026-12-31' }),
      await line({ currency: 'EUR' }),
      await line({ amount: '10.00', tax: '10.01' }),
      await line({ receiptFileId: await receipt('manager') }),
      await line({ receiptFileId: png }),
      await line({ amount: '-5' }),
    ]);
    // A negative amount is not an amount at all: the request's shape is refused first.
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['lines[5].amount']);
    const second = await file([await line({ date: '2026-12-31' }), await line({ currency: 'EUR' }), await line({ amount: '10.00', tax: '10.01' }), await line({ receiptFileId: await receipt('manager') })]);
    expect(second.status).toBe(422);
    expect(second.body.errors.map((error: { field: string }) => error.field)).toEqual(['lines[0].date', 'lines[1].rate', 'lines[2].tax', 'lines[3].receiptFileId']);
    // A text file is a file, but not a receipt; nothing of the refused claims was written.
    expect(text.status).toBe(201);
    const notReceipt = await file([await line({ receiptFileId: text.body.id })], 'employee', '文本票据');
    expect(notReceipt.status).toBe(422);
    expect(notReceipt.body.errors).toEqual([{ field: 'lines[0].receiptFileId', message: 'a receipt is a PDF, JPEG or PNG' }]);
    expect(await sql(api, `SELECT 1 FROM oa.expense_claim WHERE title = '文本票据'`)).toHaveLength(0);
    // A PNG receipt is fine.
    expect((await file([await line({ receiptFileId: png })])).status).toBe(201);
  });

  it('an invoice number is claimed once across the company: a second claim is refused naming the first; a rejected or withdrawn claim frees it', async () => {
    const number = invoice();
    const first = await file([await line({ invoiceNo: number })], 'employee', '第一张');
    expect(first.status).toBe(201);
    const firstNumber = (await request(api.url).get(`/api/v1/oa/expenses/${first.body.id}`).set('authorization', await people.token('employee'))).body.requestNumber;
    const second = await file([await line({}, 'sales'), await line({ invoiceNo: ` ${number.toLowerCase()} ` }, 'sales')], 'sales', '第二张');
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('oa.invoice-claimed');
    expect(second.body.detail).toContain(firstNumber);
    expect(second.body.errors).toEqual([{ field: 'lines[1].invoiceNo', message: expect.stringContaining(firstNumber) }]);
    // The same number twice in one claim.
    const twice = await file([await line({ invoiceNo: 'DUP-0001' }), await line({ invoiceNo: 'dup-0001' })]);
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([{ field: 'lines[1].invoiceNo', message: 'is on line 1 already' }]);

    await act(api, people, 'manager', await openTaskOf(api, first.body.requestId, 'manager'), 'reject', { comment: '票据不清' });
    const again = await file([await line({ invoiceNo: number })], 'employee', '重新提交');
    expect(again.status).toBe(201);
    await request(api.url).post(`/api/v1/oa/requests/${again.body.requestId}/withdraw`).set('authorization', await people.token('employee')).send({}).expect(200);
    expect((await file([await line({ invoiceNo: number })], 'employee', '第三次')).status).toBe(201);
  });

  it('two claims with the same invoice number at once: exactly one is filed', async () => {
    const number = invoice();
    const [a, b] = await Promise.all([file([await line({ invoiceNo: number })], 'employee', '并发一'), file([await line({ invoiceNo: number })], 'employee', '并发二')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await sql(api, 'SELECT 1 FROM oa.expense_invoice WHERE invoice_no = $1', [number])).toHaveLength(1);
    expect(await sql(api, `SELECT 1 FROM oa.expense_claim WHERE title IN ('并发一', '并发二')`)).toHaveLength(1);
  });

  it('offers 报销 in the catalogue, filed from the claim form', async () => {
    const catalogue = await request(api.url).get('/api/v1/oa/catalogue').set('authorization', await people.token('employee')).expect(200);
    const types = catalogue.body.flatMap((category: { types: Array<{ code: string; formPath: string | null }> }) => category.types);
    expect(types.find((type: { code: string }) => type.code === 'expense')).toMatchObject({ formPath: '/oa/expenses/new' });
  });

  it('lists the caller’s claims; the demo has claims in every state', async () => {
    const mine = await request(api.url).get('/api/v1/oa/expenses').set('authorization', await people.token('employee')).expect(200);
    expect(new Set(mine.body.map((claim: { status: string }) => claim.status))).toEqual(new Set(['approved', 'pending', 'rejected', 'withdrawn', 'cancelled']));
    expect((await request(api.url).post('/api/v1/oa/expenses').set('authorization', await people.token('admin')).send({ title: 'x', lines: [] })).status).toBe(400);
  });
});
