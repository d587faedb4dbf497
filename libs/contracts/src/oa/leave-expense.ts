/**
 * 请假与报销: the words leave and expense claims share with the SPA. Durations count
 * working time on the company calendar (China's public holidays and adjusted working
 * days, plus the company's overrides); money is a decimal string.
 */

/** The smallest unit a leave type is taken in. */
export const LEAVE_UNITS = ['day', 'half-day', 'hour'] as const;
export type LeaveUnit = (typeof LEAVE_UNITS)[number];

/** Morning or afternoon, for half-day leave. */
export const DAY_HALVES = ['am', 'pm'] as const;
export type DayHalf = (typeof DAY_HALVES)[number];

/** How a leave type's entitlement is granted each year. */
export const LEAVE_ACCRUALS = ['none', 'statutory-annual', 'fixed', 'overtime'] as const;
export type LeaveAccrual = (typeof LEAVE_ACCRUALS)[number];

/** What a day is on the company calendar. */
export const CALENDAR_DAY_KINDS = ['workday', 'weekend', 'holiday', 'adjusted-workday', 'company-off', 'company-workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** A ledger entry's kind: every change of a balance is one of these. */
export const LEAVE_LEDGER_KINDS = ['grant', 'carry-over', 'expire', 'hold', 'use', 'release', 'return'] as const;
export type LeaveLedgerKind = (typeof LEAVE_LEDGER_KINDS)[number];

export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export const EXPENSE_CATEGORIES = ['travel', 'transport', 'accommodation', 'meals', 'entertainment', 'office', 'communication', 'training', 'other'] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export const EXPENSE_CATEGORY_LABELS: Record<ExpenseCategory, { 'zh-CN': string; en: string }> = {
  travel: { 'zh-CN': '差旅', en: 'Travel' },
  transport: { 'zh-CN': '市内交通', en: 'Local transport' },
  accommodation: { 'zh-CN': '住宿', en: 'Accommodation' },
  meals: { 'zh-CN': '餐费', en: 'Meals' },
  entertainment: { 'zh-CN': '业务招待', en: 'Client entertainment' },
  office: { 'zh-CN': '办公用品', en: 'Office supplies' },
  communication: { 'zh-CN': '通讯', en: 'Communication' },
  training: { 'zh-CN': '培训', en: 'Training' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const EXPENSE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'cancelled'] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];

/** The currency claims are totalled and paid in. */
export const CLAIM_CURRENCY = 'CNY';
