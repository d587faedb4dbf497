import Decimal from 'decimal.js'

/**
 * Money in forms is a decimal string ("1234.50"), never a JS number: 0.1 + 0.2 must not
 * become 0.30000000000000004 on the way to an expense claim. The server accepts at most
 * 16 integer digits and two decimals; the SPA always sends exactly two.
 */
export const MONEY_PATTERN = /^-?[0-9]{1,16}(\.[0-9]{1,2})?$/

const FULL_WIDTH_DIGITS = /[０-９]/g

/**
 * What a person typed, tidied the way they meant it: full-width digits and the full-width
 * point of a Chinese input method become ASCII, grouping commas and spaces go, and a
 * currency sign in front is dropped. Anything else is left for the rule to refuse.
 */
export function tidyMoneyInput(raw: string): string {
  return raw
    .replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[。．]/g, '.')
    .replace(/[－—]/g, '-')
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥$€£]/, '')
}

export function isMoney(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value)
}

/**
 * The value to keep for an input: two decimals when it is an amount ("12.5" -> "12.50",
 * "-0" -> "0.00"), null when empty, and the tidied text as typed when it is not an
 * amount (so the rule can say what is wrong and the person can correct it).
 */
export function moneyFromInput(raw: string): string | null {
  const tidy = tidyMoneyInput(raw)
  if (tidy === '') return null
  if (!MONEY_PATTERN.test(tidy)) return tidy
  return new Decimal(tidy).toFixed(2).replace(/^-0\.00$/, '0.00')
}

/** Compares two amounts exactly: negative, zero or positive like a sort comparator. */
export function compareMoney(a: string, b: string): number {
  return new Decimal(a).comparedTo(new Decimal(b))
}

/** The sum of the amounts among `values` (anything else counts as nothing), two decimals. */
export function sumMoney(values: readonly unknown[]): string {
  let total = new Decimal(0)
  for (const value of values) if (isMoney(value)) total = total.plus(value)
  return total.toFixed(2)
}

/** The sum of the finite numbers among `values`, added as decimals so 0.1 + 0.2 is 0.3. */
export function sumNumbers(values: readonly unknown[]): string {
  let total = new Decimal(0)
  for (const value of values) if (typeof value === 'number' && Number.isFinite(value)) total = total.plus(value)
  return total.toString()
}

/** "1234567.5" -> "1,234,567.50": grouping done on the digits, so no amount passes through a float. */
export function formatMoney(value: string): string {
  if (!isMoney(value)) return value
  const fixed = new Decimal(value).toFixed(2)
  const negative = fixed.startsWith('-')
  const [whole = '0', fraction = '00'] = (negative ? fixed.slice(1) : fixed).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative && fixed !== '-0.00' ? '-' : ''}${grouped}.${fraction}`
}

const CURRENCY_SIGNS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: '¥', HKD: 'HK$' }

/** The sign shown before an amount of a currency, or its code when it has none here. */
export function currencySign(currency: string): string {
  return CURRENCY_SIGNS[currency] ?? currency
}

/** An amount as a person reads it: "¥1,234.50", or "1,234.50 CHF" for a currency without a sign here. */
export function formatAmount(value: string, currency = 'CNY'): string {
  const sign = CURRENCY_SIGNS[currency]
  return sign === undefined ? `${formatMoney(value)} ${currency}` : `${sign}${formatMoney(value)}`
}
