import { describe, expect, it } from 'vitest'
import { amountInCny, blankLine, checkClaim, claimTotal, dayOf, placeErrors, receiptProblem, statedRate, submission, translateServerMessage, type LineDraft } from './expense-form'

const RECEIPT = { id: '0190a000-0000-7000-8000-0000000000f1', name: '发票.pdf', size: 2048 }
const line = (extra: Partial<LineDraft> = {}): LineDraft => blankLine({ category: 'transport', date: '2026-11-20', amount: '100.00', receipt: RECEIPT, ...extra })

const messages = {
  required: 'required',
  future: 'future',
  notAmount: 'not an amount',
  notPositive: 'not positive',
  notRate: 'not a rate',
  needRate: (currency: string) => `rate of ${currency}`,
  notCurrency: 'not a currency',
  taxAboveAmount: 'tax above amount',
  notInvoice: 'not an invoice',
  duplicateInvoice: (n: number) => `as line ${n}`,
  needReceipt: 'receipt',
  needTitle: 'title',
}

describe('the claim’s arithmetic', () => {
  it('adds in decimals: 0.10 + 0.20 is 0.30, and converts half up to the fen at the stated rate', () => {
    expect(claimTotal([line({ amount: '0.10' }), line({ amount: '0.20' })])).toEqual({ total: '0.30', uncounted: 0 })
    // 150 × 7.1032 = 1065.48; 0.05 × 0.9135 = 0.045675 → 0.05 (half up).
    expect(amountInCny(line({ amount: '150.00', currency: 'USD', rate: '7.1032' }))).toBe('1065.48')
    expect(amountInCny(line({ amount: '0.05', currency: 'HKD', rate: '0.9135' }))).toBe('0.05')
    // Large amounts keep every digit.
    expect(claimTotal([line({ amount: '9999999999999.99' }), line({ amount: '0.01' })]).total).toBe('10000000000000.00')
  })

  it('leaves out lines without an amount, and counts those whose amount or (in another currency) rate is missing or wrong', () => {
    const lines = [line({ amount: '356.00' }), line({ amount: '150.00', currency: 'USD', rate: null }), line({ amount: null }), line({ amount: '12.', currency: 'CNY' })]
    expect(claimTotal(lines)).toEqual({ total: '356.00', uncounted: 2 })
    // A CNY line ignores whatever rate it had.
    expect(amountInCny(line({ amount: '10.00', currency: 'CNY', rate: '7' }))).toBe('10.00')
  })

  it('offers the rate another line states for the same currency', () => {
    const usd = line({ currency: 'USD', rate: '7.1032' })
    const other = line()
    expect(statedRate([usd, other], 'USD', other.key)).toBe('7.1032')
    expect(statedRate([usd, other], 'EUR', other.key)).toBeNull()
    expect(statedRate([usd], 'USD', usd.key)).toBeNull()
  })
})

describe('checking before sending', () => {
  it('names each problem by the server’s path', () => {
    const errors = checkClaim(
      ' ',
      [
        blankLine(),
        line({ date: '2026-12-02' }),
        line({ currency: 'EUR' }),
        line({ amount: '10.00', tax: '10.01' }),
        line({ invoiceNo: 'ab 12' }),
        line({ invoiceNo: 'AB12' }),
        line({ amount: '0.00', currency: 'usd' }),
        line({ invoiceNo: '12' }),
      ],
      '2026-12-01',
      messages,
    )
    expect(errors).toEqual([
      { field: 'title', message: 'title' },
      { field: 'lines[0].category', message: 'required' },
      { field: 'lines[0].date', message: 'required' },
      { field: 'lines[0].amount', message: 'required' },
      { field: 'lines[0].receiptFileId', message: 'receipt' },
      { field: 'lines[1].date', message: 'future' },
      { field: 'lines[2].rate', message: 'rate of EUR' },
      { field: 'lines[3].tax', message: 'tax above amount' },
      { field: 'lines[5].invoiceNo', message: 'as line 5' },
      { field: 'lines[6].amount', message: 'not positive' },
      { field: 'lines[6].currency', message: 'not a currency' },
      { field: 'lines[7].invoiceNo', message: 'not an invoice' },
    ])
    expect(checkClaim('出差', [line(), line({ currency: 'USD', rate: '7.1', tax: '5.00' })], '2026-12-01', messages)).toEqual([])
  })

  it('sends decimal strings, the rate only for another currency, the invoice number as the server keeps it', () => {
    expect(
      submission(' 出差 ', [line({ amount: '12.5', tax: '0.7', invoiceNo: ' ab 12-34 ', description: '  ' }), line({ currency: 'USD', rate: '7.1032', description: '酒店' })]),
    ).toEqual({
      title: '出差',
      lines: [
        { category: 'transport', date: '2026-11-20', amount: '12.50', currency: 'CNY', invoiceNo: 'AB12-34', tax: '0.70', receiptFileId: RECEIPT.id },
        { category: 'transport', date: '2026-11-20', amount: '100.00', currency: 'USD', rate: '7.1032', receiptFileId: RECEIPT.id, description: '酒店' },
      ],
    })
  })

  it('tells receipts by name and size', () => {
    expect(receiptProblem({ name: 'a.PDF', size: 10 })).toBeNull()
    expect(receiptProblem({ name: 'a.jpeg', size: 5 * 1024 * 1024 })).toBeNull()
    expect(receiptProblem({ name: 'a.png', size: 5 * 1024 * 1024 + 1 })).toBe('size')
    expect(receiptProblem({ name: 'a.docx', size: 10 })).toBe('type')
  })

  it('reads a picked day as the calendar day it shows, not as UTC', () => {
    expect(dayOf(new Date(2026, 10, 20, 0, 0))).toBe('2026-11-20')
  })
})

describe('the server’s errors', () => {
  const texts = {
    invoiceClaimed: (invoiceNo: string, claim: string, title: string) => `发票 ${invoiceNo} 已在 ${claim}（${title}）`,
    onLineAlready: (n: string) => `同明细 ${n}`,
    future: '晚于今天',
    needRate: (currency: string) => `${currency} 汇率`,
    taxAboveAmount: '税额过大',
    receiptType: '类型',
    receiptSize: '大小',
    receiptMissing: '不存在',
    notPositive: '须大于 0',
  }

  it('puts each on its line and field; what the form does not show is listed', () => {
    expect(
      placeErrors(
        [
          { field: 'lines[1].invoiceNo', message: 'a' },
          { field: 'lines[1].invoiceNo', message: 'b' },
          { field: 'title', message: 'c' },
          { field: 'lines[0].receiptFileId', message: 'd' },
          { field: 'lines', message: 'e' },
          { field: 'lines[9].amount', message: 'f' },
        ],
        2,
      ),
    ).toEqual({ title: 'c', lines: { 0: { receiptFileId: 'd' }, 1: { invoiceNo: 'a；b' } }, other: ['lines: e', 'lines[9].amount: f'] })
  })

  it('says the known ones in the reader’s words, keeping the first claim’s number and title', () => {
    expect(translateServerMessage('invoice 26322000000100003 is claimed already by OA-2026-000012 (办公用品采购)', texts)).toBe('发票 26322000000100003 已在 OA-2026-000012（办公用品采购）')
    expect(translateServerMessage('is on line 1 already', texts)).toBe('同明细 1')
    expect(translateServerMessage('state the rate of EUR to CNY', texts)).toBe('EUR 汇率')
    expect(translateServerMessage('a receipt has at most 5 MiB', texts)).toBe('大小')
    expect(translateServerMessage('file 0190a000-0000-7000-8000-0000000000f1 does not exist', texts)).toBe('不存在')
    expect(translateServerMessage('something new', texts)).toBe('something new')
  })
})
