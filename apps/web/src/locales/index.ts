import { shallowReactive } from 'vue'
import { createI18n } from 'vue-i18n'
import type { Language } from 'element-plus/es/locale'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import zhCN, { type MessageSchema } from './zh-CN'

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'

/** Each language named in itself, so a reader of the other one can still find it. */
export const LOCALE_NAMES: Record<AppLocale, string> = {
  'zh-CN': '简体中文',
  en: 'English',
}

/**
 * Element Plus's own texts (pagination, date pickers, empty tables) per app locale, for
 * the locales loaded so far (reactive: App.vue's config provider follows a late load).
 */
export const ELEMENT_LOCALES: Partial<Record<AppLocale, Language>> = shallowReactive({ 'zh-CN': elementZhCn })

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

/**
 * The one i18n instance. It starts in the default locale, whose messages ship with the
 * first script; the other language's messages (ours and Element Plus's) are a chunk of
 * their own, loaded by `loadLocale` before anything is shown in it, so a first visit
 * does not download a language it does not read. The preferences store switches to the
 * saved choice (see stores/preferences and main.ts).
 */
export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN } as Record<AppLocale, MessageSchema>,
})

type LazyLocale = Exclude<AppLocale, typeof DEFAULT_LOCALE>

/** Where each language other than the default comes from: a chunk per language. */
const LOADERS: Record<LazyLocale, () => Promise<[{ default: MessageSchema }, { default: Language }]>> = {
  en: () => Promise.all([import('./en'), import('element-plus/es/locale/lang/en')]),
}

const loading = new Map<AppLocale, Promise<void>>([[DEFAULT_LOCALE, Promise.resolve()]])

/** Whether `locale`'s messages are here, so switching to it needs no wait. */
export function isLocaleLoaded(locale: AppLocale): boolean {
  return ELEMENT_LOCALES[locale] !== undefined
}

/** Fetches `locale`'s messages once (the same promise for every caller meanwhile). */
export function loadLocale(locale: AppLocale): Promise<void> {
  let loaded = loading.get(locale)
  if (loaded === undefined) {
    loaded = LOADERS[locale as LazyLocale]().then(([messages, element]) => {
      i18n.global.setLocaleMessage(locale, messages.default)
      ELEMENT_LOCALES[locale] = element.default
    })
    // A failed download (offline) may be tried again on the next switch.
    loaded.catch(() => loading.delete(locale))
    loading.set(locale, loaded)
  }
  return loaded
}
