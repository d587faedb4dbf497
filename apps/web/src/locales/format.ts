import { i18n } from './index'

const SECONDS_PER_UNIT = [
  ['days', 86_400],
  ['hours', 3_600],
  ['minutes', 60],
] as const

/** "3 天 4 小时" / "3 d 4 h": the two largest non-zero units are enough to read. */
export function formatDuration(totalSeconds: number): string {
  const { t } = i18n.global
  let rest = Math.max(0, Math.floor(totalSeconds))
  const parts: string[] = []
  for (const [unit, size] of SECONDS_PER_UNIT) {
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0 || parts.length > 0) parts.push(t(`duration.${unit}`, { n: count }))
  }
  if (parts.length === 0) return t('duration.seconds', { n: rest })
  return parts.slice(0, 2).join(' ')
}

/**
 * A timestamp in the company's time zone, which decides what "today" is for the
 * business, rather than in the browser's. `seconds` for records read as a sequence
 * (the audit trail), where minutes do not order the events.
 */
export function formatInstant(iso: string, locale: string, timeZone?: string, precision: 'minutes' | 'seconds' = 'minutes'): string {
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return iso
  const style = { dateStyle: 'medium', timeStyle: precision === 'seconds' ? 'medium' : 'short' } as const
  try {
    return new Intl.DateTimeFormat(locale, { ...style, timeZone }).format(instant)
  } catch {
    // An unknown zone name must not hide the date; fall back to the browser's zone.
    return new Intl.DateTimeFormat(locale, style).format(instant)
  }
}

const RELATIVE_UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
] as const

/**
 * "3 分钟前" / "3 minutes ago" for the last week, the date after that: how a list of
 * notifications says when each came. Under a minute is "刚刚" / "just now".
 */
export function formatRelative(iso: string, locale: string, now: number = Date.now(), timeZone?: string): string {
  const instant = new Date(iso).getTime()
  if (Number.isNaN(instant)) return iso
  const seconds = Math.round((now - instant) / 1000)
  if (seconds < 60) return i18n.global.t('relativeTime.justNow')
  if (seconds >= 7 * 86_400) return formatInstant(iso, locale, timeZone)
  const [unit, size] = RELATIVE_UNITS.find(([, size]) => seconds >= size) ?? RELATIVE_UNITS[2]
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-Math.floor(seconds / size), unit)
}

/** A file's size as people read it: "125 B", "3.4 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
