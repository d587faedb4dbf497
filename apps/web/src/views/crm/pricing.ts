import Decimal from 'decimal.js'
import { planShortfall, priceLines } from '@zhongshu/contracts'

export interface PreviewLine {
  quantity: string
  unitPrice: string
  discountRate: string
  taxRate: string
}

/** A half-typed or empty field counts as the fallback until it reads as a number. */
function decimalOr(value: string, fallback: string): string {
  try {
    return new Decimal(value.trim() === '' ? fallback : value.trim()).toString()
  } catch {
    return fallback
  }
}

/**
 * The totals as you type, priced by the server's own arithmetic (`priceLines` in
 * libs/contracts); only the reading of what is typed so far is the editor's. The
 * server's answer is what is saved.
 */
export function previewTotals(lines: readonly PreviewLine[], overallDiscountRate: string): { lines: string[]; totalExclTax: string; taxTotal: string; total: string } {
  const priced = priceLines(
    lines.map((line) => ({
      quantity: decimalOr(line.quantity, '0'),
      unitPrice: decimalOr(line.unitPrice, '0'),
      discountRate: decimalOr(line.discountRate, '0'),
      taxRate: decimalOr(line.taxRate, '0'),
    })),
    decimalOr(overallDiscountRate, '0'),
  )
  return { lines: priced.lines.map((line) => line.amount), totalExclTax: priced.totalExclTax, taxTotal: priced.taxTotal, total: priced.total }
}

/** What the receivable plan still lacks (negative: it exceeds the total). */
export function planGap(total: string, amounts: readonly string[]): string {
  return planShortfall(total, amounts.map((amount) => ({ amount: decimalOr(amount, '0') })))
}
