import { Decimal } from 'decimal.js'
import type { LeaveType, LeaveTypeInput } from '@/api/oa/leave'

/** A number of days as a person writes it: the server's '5.00' reads 5, '0.50' reads 0.5. */
export function plainDays(value: string): string
export function plainDays(value: string | null): string | null
export function plainDays(value: string | null): string | null {
  if (value === null) return null
  try {
    return new Decimal(value).toString()
  } catch {
    return value
  }
}

/** A leave type as its dialog edits it: numbers of days as typed (strings), blanks for "none". */
export interface LeaveTypeValues {
  code: string
  name: string
  nameEn: string
  paid: boolean
  unit: LeaveType['unit']
  calendarDays: boolean
  keepsBalance: boolean
  allowNegative: boolean
  accrual: LeaveType['accrual']
  yearlyDays: string
  attachmentAboveDays: string
  maxDaysPerRequest: string
  carryOverMaxDays: string
  carryOverExpires: string
  sort: number
  archived: boolean
}

export function newLeaveTypeValues(): LeaveTypeValues {
  return {
    code: '',
    name: '',
    nameEn: '',
    paid: true,
    unit: 'day',
    calendarDays: false,
    keepsBalance: false,
    allowNegative: false,
    accrual: 'none',
    yearlyDays: '',
    attachmentAboveDays: '',
    maxDaysPerRequest: '',
    carryOverMaxDays: '',
    carryOverExpires: '',
    sort: 100,
    archived: false,
  }
}

export function leaveTypeValues(type: LeaveType): LeaveTypeValues {
  return {
    code: type.code,
    name: type.name,
    nameEn: type.nameEn,
    paid: type.paid,
    unit: type.unit,
    calendarDays: type.calendarDays,
    keepsBalance: type.keepsBalance,
    allowNegative: type.allowNegative,
    accrual: type.accrual,
    yearlyDays: plainDays(type.yearlyDays) ?? '',
    attachmentAboveDays: plainDays(type.attachmentAboveDays) ?? '',
    maxDaysPerRequest: plainDays(type.maxDaysPerRequest) ?? '',
    carryOverMaxDays: plainDays(type.carryOverMaxDays) ?? '',
    carryOverExpires: type.carryOverExpires ?? '',
    sort: type.sort,
    archived: type.status === 'archived',
  }
}

const blankIsNull = (value: string): string | null => (value.trim() === '' ? null : value.trim())

/**
 * The body the server takes. A type without a balance grants nothing and cannot go
 * below zero, so those go as the server expects whatever the hidden fields still hold.
 */
export function leaveTypeBody(values: LeaveTypeValues): LeaveTypeInput {
  const balance = values.keepsBalance
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    nameEn: values.nameEn.trim(),
    paid: values.paid,
    unit: values.unit,
    calendarDays: values.unit === 'hour' ? false : values.calendarDays,
    keepsBalance: balance,
    allowNegative: balance && values.allowNegative,
    accrual: balance ? values.accrual : 'none',
    yearlyDays: balance && values.accrual === 'fixed' ? blankIsNull(values.yearlyDays) : null,
    attachmentAboveDays: blankIsNull(values.attachmentAboveDays),
    maxDaysPerRequest: blankIsNull(values.maxDaysPerRequest),
    carryOverMaxDays: balance ? blankIsNull(values.carryOverMaxDays) : null,
    carryOverExpires: balance ? blankIsNull(values.carryOverExpires) : null,
    sort: values.sort,
  }
}
