import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { ApiError } from '@/api/problem'
import { showProblem } from '@/api/show-problem'
import { i18n } from '@/locales'

/**
 * A form's failures from the server: the problem's field errors by field path (for
 * `<el-form-item :error>`), a version conflict told as "reload" rather than as an
 * error to fix, and every other failure shown in the server's words.
 */
export function useServerErrors() {
  const fieldErrors = ref<Record<string, string>>({})

  function clear(): void {
    fieldErrors.value = {}
  }

  /**
   * Shows a failed save. `onConflict` runs on a 409 version conflict, usually to
   * reload the record: the person's edit was based on an older version of it.
   */
  function absorb(error: unknown, onConflict?: () => void): void {
    const byField: Record<string, string> = {}
    if (error instanceof ApiError) {
      for (const { field, message } of error.fieldErrors) {
        if (field === '') continue
        byField[field] = byField[field] === undefined ? message : `${byField[field]}; ${message}`
      }
      if (error.isVersionConflict) {
        fieldErrors.value = byField
        ElMessage.warning({ message: i18n.global.t('common.versionConflict'), showClose: true, duration: 8000 })
        onConflict?.()
        return
      }
    }
    fieldErrors.value = byField
    showProblem(error)
  }

  return { fieldErrors, clear, absorb }
}

/** Empty inputs are "no value" to the API, which expects null rather than "". */
export function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value.trim()
}
