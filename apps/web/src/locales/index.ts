import { createI18n } from 'vue-i18n'
import type { Language } from 'element-plus/es/locale'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import elementEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN'
import en from './en'

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'

/** Each language named in itself, so a reader of the other one can still find it. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  'zh-CN': '简体中文',
  en: 'English',
}

/** Element Plus's own texts (pagination, date pickers, empty tables) per app locale. */
export const ELEMENT_LOCALES: Record<AppLocale, Language> = {
  'zh-CN': elementZhCn,
  en: elementEn,
}

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

/**
 * The one i18n instance. It starts in the default locale; the preferences store
 * switches it to the saved choice as soon as it is created (see stores/preferences).
 */
export const i18n = createI18n({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
})
