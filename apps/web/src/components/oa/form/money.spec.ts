import { describe, expect, it } from 'vitest'
import { compareMoney, formatAmount, formatMoney, isMoney, moneyFromInput, sumMoney, sumNumbers, tidyMoneyInput } from './money'

describe('money from what a person types', () => {
  it('keeps exactly two decimals as a string', () => {
    expect(moneyFromInput('12.5')).toBe('12.50')
    expect(moneyFromInput('12')).toBe('12.00')
    expect(moneyFromInput('0.1')).toBe('0.10')
    expect(moneyFromInput('-3.2')).toBe('-3.20')
    expect(moneyFromInput('-0')).toBe('0.00')
  })

  it('keeps sixteen integer digits without passing through a float', () => {
    // 9999999999999999.99 is not representable as a JS number (it reads 10000000000000000).
    expect(moneyFromInput('9999999999999999.99')).toBe('9999999999999999.99')
    expect(Number('9999999999999999.99').toFixed(2)).not.toBe('9999999999999999.99')
  })

  it('reads full-width digits, the Chinese full stop, grouping commas and a currency sign', () => {
    expect(tidyMoneyInput('１２３４。５')).toBe('1234.5')
    expect(moneyFromInput('¥1,234.5')).toBe('1234.50')
    expect(moneyFromInput(' 1 234，567 ')).toBe('1234567.00')
  })

  it('is empty for nothing and leaves a wrong amount as typed for the rule to refuse', () => {
    expect(moneyFromInput('')).toBeNull()
    expect(moneyFromInput('   ')).toBeNull()
    expect(moneyFromInput('12.345')).toBe('12.345')
    expect(moneyFromInput('abc')).toBe('abc')
    expect(isMoney('12.345')).toBe(false)
    expect(isMoney(12.5)).toBe(false)
    expect(isMoney('12.5')).toBe(true)
    expect(isMoney('12345678901234567')).toBe(false)
  })

  it('compares and adds exactly', () => {
    expect(compareMoney('0.30', '0.3')).toBe(0)
    expect(compareMoney('100.01', '100')).toBe(1)
    expect(compareMoney('-1', '0')).toBe(-1)
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30')
    expect(sumMoney(['1.10', null, '', 'x', 2, '2.25'])).toBe('3.35')
    expect(sumMoney([])).toBe('0.00')
    expect(sumNumbers([0.1, 0.2])).toBe('0.3')
    expect(sumNumbers([1, null, 'x', Number.NaN, 2.5])).toBe('3.5')
  })

  it('groups thousands for reading', () => {
    expect(formatMoney('1234567.5')).toBe('1,234,567.50')
    expect(formatMoney('-1234.00')).toBe('-1,234.00')
    expect(formatMoney('999')).toBe('999.00')
    expect(formatMoney('oops')).toBe('oops')
    expect(formatAmount('1234.5', 'CNY')).toBe('¥1,234.50')
    expect(formatAmount('10', 'CHF')).toBe('10.00 CHF')
  })
})
