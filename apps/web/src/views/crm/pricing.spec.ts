import { describe, expect, it } from 'vitest'
import { planGap, previewTotals } from './pricing'

describe('the contract editor previews totals with the server pricing', () => {
  it('prices finished lines to the cent as the server does (line discount, then overall, half up)', () => {
    const totals = previewTotals(
      [
        { quantity: '1.5', unitPrice: '3260.00', discountRate: '12.5', taxRate: '13' },
        { quantity: '3', unitPrice: '0.10', discountRate: '0', taxRate: '6' },
      ],
      '2',
    )
    expect(totals.lines).toEqual(['4738.29', '0.31'])
    expect(totals).toMatchObject({ totalExclTax: '4193.47', taxTotal: '545.13', total: '4738.60' })
  })

  it('reads a half-typed or empty field as zero instead of failing', () => {
    const totals = previewTotals([{ quantity: '2', unitPrice: '100', discountRate: '', taxRate: '1e' }], ' ')
    expect(totals).toEqual({ lines: ['200.00'], totalExclTax: '200.00', taxTotal: '0.00', total: '200.00' })
    expect(planGap('200.00', ['150', '', 'x'])).toBe('50.00')
    expect(planGap('200.00', ['150', '60'])).toBe('-10.00')
  })
})
