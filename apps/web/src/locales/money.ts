/**
 * An amount as the server sends it (a decimal string, "1234567.5") for reading:
 * "1,234,567.50". Never through a JS number, so no digit is lost or rounded on the way.
 */
export function formatMoney(amount: string | null | undefined, decimals = 2): string {
  if (amount === null || amount === undefined || amount === '') return ''
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim())
  if (match === null) return amount
  const [, sign = '', whole = '', fraction = ''] = match
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = decimals === 0 ? '' : `.${fraction.padEnd(decimals, '0').slice(0, Math.max(decimals, fraction.replace(/0+$/, '').length))}`
  return `${sign}${grouped}${cents}`
}
