import Decimal from 'decimal.js'
import { CLAIM_CURRENCY, EXPENSE_CATEGORIES, type ExpenseCategory } from '@zhongshu/contracts'
import type { FieldError } from '@/api/problem'
import type { AttachmentRef } from '@/api/platform/attachments'
import type { SubmitExpense } from '@/api/oa/expenses'

/**
 * The expense claim form's arithmetic and checks, apart from the page so they are tested
 * on their own. Amounts and rates stay decimal strings and are added with decimal.js:
 * a JS number never holds money here.
 */

export { CLAIM_CURRENCY, EXPENSE_CATEGORIES }
export type { ExpenseCategory }

/** The currencies offered first; any other three-letter code may be typed. */
export const COMMON_CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'KRW', 'AUD', 'TWD'] as const

/** What a receipt may be (the server checks again, from the bytes). */
export const RECEIPT_EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png'] as const
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/
const RATE = /^\d{1,6}(\.\d{1,6})?$/
const INVOICE = /^[A-Z0-9-]{4,40}$/

export interface LineDraft {
  /** Stable across removals, for Vue's keys. */
  key: number
  category: ExpenseCategory | ''
  date: string | null
  amount: string | null
  currency: string
  /** CNY for one unit of the currency; ignored (1) for CNY. */
  rate: string | null
  invoiceNo: string
  tax: string | null
  receipt: AttachmentRef | null
  description: string
}

export type LineField = 'category' | 'date' | 'amount' | 'currency' | 'rate' | 'invoiceNo' | 'tax' | 'receiptFileId' | 'description'

let nextKey = 1

export function blankLine(defaults: Partial<LineDraft> = {}): LineDraft {
  return { key: nextKey++, category: '', date: null, amount: null, currency: CLAIM_CURRENCY, rate: null, invoiceNo: '', tax: null, receipt: null, description: '', ...defaults }
}

export const isForeign = (line: Pick<LineDraft, 'currency'>): boolean => line.currency !== CLAIM_CURRENCY

/** The invoice number as the server keeps it: upper case, no spaces. */
export const normaliseInvoiceNo = (value: string): string => value.trim().toUpperCase().replace(/\s+/g, '')

/**
 * The line in CNY as the server will convert it (amount × rate, half up to the fen), or
 * null while its amount or (for another currency) its rate is not a valid number yet.
 */
export function amountInCny(line: Pick<LineDraft, 'amount' | 'currency' | 'rate'>): string | null {
  if (line.amount === null || !AMOUNT.test(line.amount)) return null
  const amount = new Decimal(line.amount)
  if (!isForeign(line)) return amount.toFixed(2)
  if (line.rate === null || !RATE.test(line.rate) || new Decimal(line.rate).lte(0)) return null
  return amount.mul(line.rate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

/**
 * The claim's total in CNY, and how many lines with an amount typed are not counted yet
 * (the amount is not one, or another currency's rate is missing); a line without an
 * amount yet is simply not counted.
 */
export function claimTotal(lines: readonly LineDraft[]): { total: string; uncounted: number } {
  let total = new Decimal(0)
  let uncounted = 0
  for (const line of lines) {
    const converted = amountInCny(line)
    if (converted !== null) total = total.plus(converted)
    else if (line.amount !== null && line.amount !== '') uncounted += 1
  }
  return { total: total.toFixed(2), uncounted }
}

/** A rate another line states for this currency, to offer when a line switches to it. */
export function statedRate(lines: readonly LineDraft[], currency: string, except: number): string | null {
  return lines.find((line) => line.key !== except && line.currency === currency && line.rate !== null && RATE.test(line.rate))?.rate ?? null
}

export interface CheckMessages {
  required: string
  future: string
  notAmount: string
  notPositive: string
  notRate: string
  needRate: (currency: string) => string
  notCurrency: string
  taxAboveAmount: string
  notInvoice: string
  duplicateInvoice: (line: number) => string
  needReceipt: string
  needTitle: string
}

/**
 * What can be told before sending, by the server's field paths (`lines[1].rate`); the
 * server checks all of it again, and more (receipts' bytes, invoice numbers company-wide).
 */
export function checkClaim(title: string, lines: readonly LineDraft[], today: string, messages: CheckMessages): FieldError[] {
  const errors: FieldError[] = []
  if (title.trim() === '') errors.push({ field: 'title', message: messages.needTitle })
  const seen = new Map<string, number>()
  lines.forEach((line, index) => {
    const at = (field: LineField, message: string) => errors.push({ field: `lines[${index}].${field}`, message })
    if (line.category === '') at('category', messages.required)
    if (line.date === null || line.date === '') at('date', messages.required)
    else if (line.date > today) at('date', messages.future)
    if (line.amount === null || line.amount === '') at('amount', messages.required)
    else if (!AMOUNT.test(line.amount)) at('amount', messages.notAmount)
    else if (new Decimal(line.amount).lte(0)) at('amount', messages.notPositive)
    if (!/^[A-Z]{3}$/.test(line.currency)) at('currency', messages.notCurrency)
    else if (isForeign(line)) {
      if (line.rate === null || line.rate === '') at('rate', messages.needRate(line.currency))
      else if (!RATE.test(line.rate) || new Decimal(line.rate).lte(0)) at('rate', messages.notRate)
    }
    if (line.tax !== null && line.tax !== '') {
      if (!AMOUNT.test(line.tax)) at('tax', messages.notAmount)
      else if (line.amount !== null && AMOUNT.test(line.amount) && new Decimal(line.tax).gt(line.amount)) at('tax', messages.taxAboveAmount)
    }
    const invoiceNo = normaliseInvoiceNo(line.invoiceNo)
    if (invoiceNo !== '') {
      if (!INVOICE.test(invoiceNo)) at('invoiceNo', messages.notInvoice)
      else if (seen.has(invoiceNo)) at('invoiceNo', messages.duplicateInvoice((seen.get(invoiceNo) as number) + 1))
      else seen.set(invoiceNo, index)
    }
    if (line.receipt === null) at('receiptFileId', messages.needReceipt)
  })
  return errors
}

/** The body of POST /oa/expenses: checked lines only (see checkClaim). */
export function submission(title: string, lines: readonly LineDraft[]): SubmitExpense {
  return {
    title: title.trim(),
    lines: lines.map((line) => {
      const invoiceNo = normaliseInvoiceNo(line.invoiceNo)
      const description = line.description.trim()
      return {
        category: line.category as ExpenseCategory,
        date: line.date as string,
        amount: new Decimal(line.amount as string).toFixed(2),
        currency: line.currency,
        ...(isForeign(line) ? { rate: line.rate as string } : {}),
        ...(invoiceNo !== '' ? { invoiceNo } : {}),
        ...(line.tax !== null && line.tax !== '' ? { tax: new Decimal(line.tax).toFixed(2) } : {}),
        receiptFileId: (line.receipt as AttachmentRef).id,
        ...(description !== '' ? { description } : {}),
      }
    }),
  }
}

export interface PlacedErrors {
  title: string | null
  /** By line index, then field. */
  lines: Record<number, Partial<Record<LineField, string>>>
  /** Errors for fields the form does not show (`lines` itself, unknown paths). */
  other: string[]
}

const LINE_PATH = /^lines\[(\d+)\]\.(\w+)$/
const LINE_FIELDS: ReadonlySet<string> = new Set<LineField>(['category', 'date', 'amount', 'currency', 'rate', 'invoiceNo', 'tax', 'receiptFileId', 'description'])

/** Puts each error where it belongs: the title, a line's field, or the list of the rest. */
export function placeErrors(errors: readonly FieldError[], lineCount: number): PlacedErrors {
  const placed: PlacedErrors = { title: null, lines: {}, other: [] }
  for (const { field, message } of errors) {
    if (field === 'title') {
      placed.title = placed.title === null ? message : `${placed.title}；${message}`
      continue
    }
    const match = LINE_PATH.exec(field)
    const index = match ? Number(match[1]) : -1
    if (match && index < lineCount && LINE_FIELDS.has(match[2]!)) {
      const fields = (placed.lines[index] ??= {})
      const key = match[2] as LineField
      fields[key] = fields[key] === undefined ? message : `${fields[key]}；${message}`
    } else {
      placed.other.push(field === '' ? message : `${field}: ${message}`)
    }
  }
  return placed
}

export interface ServerMessageTexts {
  invoiceClaimed: (invoiceNo: string, claim: string, title: string) => string
  onLineAlready: (line: string) => string
  future: string
  needRate: (currency: string) => string
  taxAboveAmount: string
  receiptType: string
  receiptSize: string
  receiptMissing: string
  notPositive: string
}

/**
 * The server words its field errors in English; the known ones are said in the reader's
 * language here (the claim number and title kept), anything else is shown as it came.
 */
export function translateServerMessage(message: string, texts: ServerMessageTexts): string {
  const claimed = /^invoice (\S+) is claimed already by (.+?) \((.*)\)$/.exec(message)
  if (claimed) return texts.invoiceClaimed(claimed[1]!, claimed[2]!, claimed[3]!)
  const onLine = /^is on line (\d+) already$/.exec(message)
  if (onLine) return texts.onLineAlready(onLine[1]!)
  const rate = /^state the rate of (\w+) to CNY$/.exec(message)
  if (rate) return texts.needRate(rate[1]!)
  if (message === 'is in the future') return texts.future
  if (message === 'is more than the amount') return texts.taxAboveAmount
  if (message === 'a receipt is a PDF, JPEG or PNG') return texts.receiptType
  if (message === 'a receipt has at most 5 MiB') return texts.receiptSize
  if (/^file \S+ does not exist$/.test(message)) return texts.receiptMissing
  if (message === 'must be more than zero') return texts.notPositive
  return message
}

/** Whether a chosen file may be a receipt, by its name and size (the server reads the bytes). */
export function receiptProblem(file: { name: string; size: number }): 'type' | 'size' | null {
  const lower = file.name.toLowerCase()
  if (!RECEIPT_EXTENSIONS.some((extension) => lower.endsWith(extension))) return 'type'
  if (file.size > RECEIPT_MAX_BYTES) return 'size'
  return null
}

/** A date picker's day (local midnight) as YYYY-MM-DD, without passing through UTC. */
export function dayOf(day: Date): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
}
