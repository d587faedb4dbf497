import { describe, expect, it } from '@jest/globals';
import { fullYears, statutoryAnnualDays } from './entitlement.js';

describe('statutory annual leave', () => {
  it('5 days from one full year, 10 from ten, 15 from twenty', () => {
    expect(statutoryAnnualDays(2026, '2024-01-01')).toBe(5);
    expect(statutoryAnnualDays(2026, '2016-01-01')).toBe(10);
    expect(statutoryAnnualDays(2026, '2006-01-01')).toBe(15);
    expect(statutoryAnnualDays(2026, '2025-12-31')).toBe(0);
    expect(statutoryAnnualDays(2026, null)).toBe(0);
  });

  it('prorates a joiner’s first entitled year and someone crossing a tier, rounding down', () => {
    // One year on 2026-07-01: 184 of 365 days at 5 → 2.52 → 2.
    expect(statutoryAnnualDays(2026, '2025-07-01')).toBe(2);
    // Ten years on 2026-04-01: 90 days at 5, 275 at 10 → 8.77 → 8.
    expect(statutoryAnnualDays(2026, '2016-04-01')).toBe(8);
    // Joined this year: nothing yet.
    expect(statutoryAnnualDays(2026, '2026-03-01')).toBe(0);
  });

  it('prorates a leaver by the days employed', () => {
    // Five a year, left on 2026-06-30: 181 days → 2.48 → 2.
    expect(statutoryAnnualDays(2026, '2020-01-01', '2026-06-30')).toBe(2);
    expect(statutoryAnnualDays(2026, '2020-01-01', '2025-12-31')).toBe(0);
  });

  it('counts full years to the anniversary day', () => {
    expect(fullYears('2016-04-01', '2026-03-31')).toBe(9);
    expect(fullYears('2016-04-01', '2026-04-01')).toBe(10);
  });
});
