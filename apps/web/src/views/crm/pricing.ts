import Decimal from 'decimal.js'

export interface PreviewLine {
  quantity: string
  unitPrice: string
  discountRate: string
  taxRate: string
}

const cents = (value: Decimal): Decimal => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)

function decimalOr(value: string, fallback: string): Decimal {
  try {
    return new Decimal(value.trim() === '' ? fallback : value.trim())
  } catch {
    return new Decimal(fallback)
  }
}

/**
 * The totals as you type, the way the server prices them (libs/crm/src/contracts/pricing.ts):
 * line less its discount, then the overall one, each line rounded half up to the cent,
 * totals the sums of the rounded lines. The server's answer is what is saved.
 */
export function previewTotals(lines: readonly PreviewLine[], overallDiscountRate: string): { lines: string[]; totalExclTax: string; taxTotal: string; total: string } {
  const overall = new Decimal(1).minus(decimalOr(overallDiscountRate, '0').div(100))
  let excl = new Decimal(0)
  let tax = new Decimal(0)
  const amounts = lines.map((line) => {
    const lineExcl = cents(decimalOr(line.quantity, '0').times(decimalOr(line.unitPrice, '0')).times(new Decimal(1).minus(decimalOr(line.discountRate, '0').div(100))).times(overall))
    const lineTax = cents(lineExcl.times(decimalOr(line.taxRate, '0')).div(100))
    excl = excl.plus(lineExcl)
    tax = tax.plus(lineTax)
    return lineExcl.plus(lineTax).toFixed(2)
  })
  return { lines: amounts, totalExclTax: excl.toFixed(2), taxTotal: tax.toFixed(2), total: excl.plus(tax).toFixed(2) }
}

/** What the receivable plan still lacks (negative: it exceeds the total). */
export function planGap(total: string, amounts: readonly string[]): string {
  return amounts.reduce((rest, amount) => rest.minus(decimalOr(amount, '0')), new Decimal(total)).toFixed(2)
}
