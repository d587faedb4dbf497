import { describe, expect, it } from 'vitest'
import { formatMoney } from './money'

describe('formatMoney', () => {
  it('groups thousands and pads to two decimals without going through a number', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50')
    expect(formatMoney('12345678901234567.89')).toBe('12,345,678,901,234,567.89')
    expect(formatMoney('0')).toBe('0.00')
    expect(formatMoney('-800')).toBe('-800.00')
  })

  it('keeps more decimals than asked rather than rounding them away', () => {
    expect(formatMoney('1.2345')).toBe('1.2345')
    expect(formatMoney('3', 0)).toBe('3')
  })

  it('shows what it cannot read as it is', () => {
    expect(formatMoney('abc')).toBe('abc')
    expect(formatMoney(null)).toBe('')
  })
})
