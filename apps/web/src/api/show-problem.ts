import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { i18n } from '@/locales'
import { ApiError } from './problem'

/** The sentence a person should read for a failed call. */
export function describeFailure(error: unknown): string {
  const { t } = i18n.global
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network')
    return error.problem.detail ?? error.problem.title
  }
  if (error instanceof Error && error.message !== '') return error.message
  return t('errors.unexpected')
}

/** Tell the user a call failed, in the server's words when it gave some. */
export function showProblem(error: unknown): void {
  ElMessage.error({ message: describeFailure(error), grouping: true, showClose: true })
}
