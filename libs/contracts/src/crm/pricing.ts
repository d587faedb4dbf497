import { Decimal } from 'decimal.js';

export interface LineInput {
  quantity: string;
  unitPrice: string;
  /** Percent, 0 ≤ d < 100. */
  discountRate: string;
  /** Percent. */
  taxRate: string;
}

export interface PricedLine {
  amountExclTax: string;
  taxAmount: string;
  amount: string;
}

export interface PricedDocument {
  lines: PricedLine[];
  totalExclTax: string;
  taxTotal: string;
  total: string;
}

const cents = (value: Decimal): Decimal => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/**
 * Prices a quote's or contract's lines in decimal arithmetic: a line before tax is
 * quantity × unit price less its own discount and then the document's overall discount,
 * rounded half up to the cent; its tax is that times its rate, rounded the same way;
 * totals are the sums of the rounded line figures, so the lines shown always add up to
 * the totals shown (how a 发票 is made out, line by line).
 *
 * The one pricing both sides use: the server prices what is saved with it, and the
 * contract editor in the SPA shows the same figures as you type.
 */
export function priceLines(lines: readonly LineInput[], overallDiscountRate: string): PricedDocument {
  const overall = new Decimal(1).minus(new Decimal(overallDiscountRate).div(100));
  let totalExclTax = new Decimal(0);
  let taxTotal = new Decimal(0);
  const priced = lines.map((line) => {
    const own = new Decimal(1).minus(new Decimal(line.discountRate).div(100));
    const exclTax = cents(new Decimal(line.quantity).times(line.unitPrice).times(own).times(overall));
    const tax = cents(exclTax.times(line.taxRate).div(100));
    totalExclTax = totalExclTax.plus(exclTax);
    taxTotal = taxTotal.plus(tax);
    return { amountExclTax: exclTax.toFixed(2), taxAmount: tax.toFixed(2), amount: exclTax.plus(tax).toFixed(2) };
  });
  return { lines: priced, totalExclTax: totalExclTax.toFixed(2), taxTotal: taxTotal.toFixed(2), total: totalExclTax.plus(taxTotal).toFixed(2) };
}

/** How far the instalments are from the total: zero when the plan adds up. */
export function planShortfall(total: string, instalments: readonly { amount: string }[]): string {
  return instalments.reduce((rest, instalment) => rest.minus(instalment.amount), new Decimal(total)).toFixed(2);
}
