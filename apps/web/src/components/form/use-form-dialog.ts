import { computed, reactive, ref, shallowRef, toRaw, type InjectionKey, type Ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { ApiError, type FieldError } from '@/api/problem'
import { describeFailure } from '@/api/show-problem'
import { i18n } from '@/locales'
import { isWithin, valueAt } from './field-path'

export interface CurrentRecord<Values> {
  values: Values
  version: number
}

export interface FormDialogOptions<Values extends object, Saved> {
  /** Saves the values; `version` is the one the edit is based on, null when creating. */
  save: (values: Values, version: number | null) => Promise<Saved>
  /**
   * The record as the server has it now. Asked after a 409 version conflict, so the
   * person sees it beside what they typed and chooses; without it a conflict is shown
   * as a failure.
   */
  current?: () => Promise<CurrentRecord<Values>>
  /** After a successful save; the dialog has closed. */
  saved?: (saved: Saved) => void
}

interface RegisteredField {
  path: string
  label: () => string
  format: (value: unknown) => string
}

export interface FormDialogModel<Values extends object> {
  readonly isOpen: Ref<boolean>
  /** What the form shows and edits. */
  readonly values: Values
  /** The version the edit is based on; null when creating. */
  readonly version: Readonly<Ref<number | null>>
  readonly saving: Readonly<Ref<boolean>>
  /** Changed since opened (or since the current values were loaded). */
  readonly dirty: Readonly<Ref<boolean>>
  /** The server's field errors for fields this form does not show, listed at its top. */
  readonly unlistedErrors: Readonly<Ref<readonly FieldError[]>>
  /** A failure that names no field (a refused state change, the server unreachable). */
  readonly failure: Readonly<Ref<string | null>>
  /** After a 409: the record as it is now, shown beside the person's input until they choose. */
  readonly conflict: Readonly<Ref<CurrentRecord<Values> | null>>
  open(values: Values, version?: number | null): void
  submit(): Promise<void>
  /** Closes, asking first when there are unsaved changes; false when the person stays. */
  requestClose(): Promise<boolean>
  /** After a conflict: take the server's values (and version), dropping the person's edit. */
  loadCurrent(): void
  /** After a conflict: save the person's values over the current version. */
  keepMineAndSave(): Promise<void>
  /** A shown field; returns its unregistering. Errors of unregistered paths are "unlisted". */
  registerField(path: string, label: () => string, format?: (value: unknown) => string): () => void
  errorOf(path: string): string | undefined
  /** The current server value of a field when it differs from the person's, after a conflict. */
  currentOf(path: string): string | undefined
}

export const FORM_DIALOG: InjectionKey<FormDialogModel<object>> = Symbol('form-dialog')

function clone<T>(value: T): T {
  return structuredClone(toRaw(value))
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/** How a value reads beside a field when no formatter is given. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(formatValue).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * The state and behaviour of a form in a dialog: the page declares its fields
 * (`<FormField path>` inside `<FormDialog>`) and the save call, and gets Enter to
 * save, saving that locks the form, the server's field errors under their fields by
 * path (and the rest listed at the top), a question before unsaved changes are
 * dropped, and optimistic locking done properly: a 409 keeps the dialog open with
 * what the person typed beside the record as it is now.
 */
export function useFormDialog<Values extends object, Saved = unknown>(
  blank: () => Values,
  options: FormDialogOptions<Values, Saved>,
): FormDialogModel<Values> {
  const { t } = i18n.global
  const isOpen = ref(false)
  const values = reactive(blank()) as Values
  const version = ref<number | null>(null)
  const saving = ref(false)
  const snapshot = ref(JSON.stringify(values))
  const serverErrors = shallowRef<readonly FieldError[]>([])
  const failure = ref<string | null>(null)
  const conflict = shallowRef<CurrentRecord<Values> | null>(null)
  const fields = ref<RegisteredField[]>([])

  function replaceValues(next: Values): void {
    const target = values as Record<string, unknown>
    for (const key of Object.keys(target)) delete target[key]
    Object.assign(target, clone(next))
    snapshot.value = JSON.stringify(values)
  }

  function clearProblems(): void {
    serverErrors.value = []
    failure.value = null
    conflict.value = null
  }

  const dirty = computed(() => JSON.stringify(values) !== snapshot.value)

  const unlistedErrors = computed(() =>
    serverErrors.value.filter(({ field }) => field === '' || !fields.value.some((shown) => isWithin(field, shown.path))),
  )

  function errorOf(path: string): string | undefined {
    const messages = serverErrors.value.filter(({ field }) => field !== '' && isWithin(field, path)).map(({ message }) => message)
    return messages.length === 0 ? undefined : messages.join('; ')
  }

  function currentOf(path: string): string | undefined {
    const current = conflict.value
    if (current === null) return undefined
    const theirs = valueAt(current.values, path)
    if (sameValue(theirs, valueAt(values, path))) return undefined
    const field = fields.value.find((shown) => shown.path === path)
    return (field?.format ?? formatValue)(theirs)
  }

  async function absorb(error: unknown): Promise<void> {
    if (error instanceof ApiError && error.isVersionConflict && options.current !== undefined) {
      try {
        conflict.value = await options.current()
      } catch (reading) {
        failure.value = describeFailure(reading)
      }
      return
    }
    if (error instanceof ApiError && error.fieldErrors.length > 0) {
      serverErrors.value = error.fieldErrors
      return
    }
    const requestId = error instanceof ApiError && error.status >= 500 ? error.problem.requestId : undefined
    failure.value = requestId === undefined ? describeFailure(error) : `${describeFailure(error)} (${t('list.requestId', { id: requestId })})`
  }

  async function submit(): Promise<void> {
    if (saving.value) return
    saving.value = true
    clearProblems()
    try {
      const saved = await options.save(clone(values), version.value)
      isOpen.value = false
      ElMessage.success(t('common.saved'))
      options.saved?.(saved)
    } catch (error) {
      await absorb(error)
    } finally {
      saving.value = false
    }
  }

  async function requestClose(): Promise<boolean> {
    if (saving.value) return false
    if (dirty.value) {
      try {
        await ElMessageBox.confirm(t('form.discardQuestion'), t('form.discardTitle'), {
          type: 'warning',
          confirmButtonText: t('form.discard'),
          cancelButtonText: t('form.keepEditing'),
        })
      } catch {
        return false
      }
    }
    isOpen.value = false
    return true
  }

  return {
    isOpen,
    values,
    version,
    saving,
    dirty,
    unlistedErrors,
    failure,
    conflict,
    open(initial, at = null) {
      replaceValues(initial)
      version.value = at
      clearProblems()
      isOpen.value = true
    },
    submit,
    requestClose,
    loadCurrent() {
      const current = conflict.value
      if (current === null) return
      replaceValues(current.values)
      version.value = current.version
      clearProblems()
    },
    async keepMineAndSave() {
      const current = conflict.value
      if (current === null) return
      version.value = current.version
      await submit()
    },
    registerField(path, label, format = formatValue) {
      const field: RegisteredField = { path, label, format }
      fields.value = [...fields.value, field]
      return () => {
        fields.value = fields.value.filter((shown) => shown !== field)
      }
    },
    errorOf,
    currentOf,
  }
}
