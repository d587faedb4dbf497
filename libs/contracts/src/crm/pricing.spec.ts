import { describe, expect, it } from '@jest/globals';
import { planShortfall, priceLines } from './pricing.js';

describe('pricing lines in decimal arithmetic', () => {
  it('applies the line discount, then the overall one, rounds each line half up to the cent, and totals the rounded lines', () => {
    const priced = priceLines(
      [
        { quantity: '1', unitPrice: '268000.00', discountRate: '5', taxRate: '13' },
        { quantity: '3', unitPrice: '0.10', discountRate: '0', taxRate: '6' },
        { quantity: '1.5', unitPrice: '3260.00', discountRate: '12.5', taxRate: '13' },
      ],
      '2',
    );
    // 268000 × 0.95 × 0.98 = 249508.00; tax 32436.04
    expect(priced.lines[0]).toEqual({ amountExclTax: '249508.00', taxAmount: '32436.04', amount: '281944.04' });
    // 0.30 × 0.98 = 0.294 → 0.29; tax 0.0174 → 0.02 (no binary float drift: 0.1 × 3 is 0.3)
    expect(priced.lines[1]).toEqual({ amountExclTax: '0.29', taxAmount: '0.02', amount: '0.31' });
    // 4890 × 0.875 × 0.98 = 4193.175 → 4193.18 (half up)
    expect(priced.lines[2].amountExclTax).toBe('4193.18');
    expect(priced.totalExclTax).toBe('253701.47');
    // 32436.04 + 0.02 + 545.11
    expect(priced.taxTotal).toBe('32981.17');
    expect(priced.total).toBe('286682.64');
  });

  it('a plan adds up when its instalments sum to the total to the cent', () => {
    expect(planShortfall('296576.00', [{ amount: '100000' }, { amount: '196576.00' }])).toBe('0.00');
    expect(planShortfall('296576.00', [{ amount: '100000' }, { amount: '196575.99' }])).toBe('0.01');
    expect(planShortfall('100', [{ amount: '60' }, { amount: '50' }])).toBe('-10.00');
  });
});
