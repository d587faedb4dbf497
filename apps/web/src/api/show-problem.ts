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

// Element Plus's message box (and its styles) is a chunk of its own, fetched the first
// time something fails: the sign-in page, which usually never fails, does not wait for it.
const messageBox = () => import('./message-box').then((module) => module.ElMessage)

/** Tell the user a call failed, in the server's words when it gave some. */
export function showProblem(error: unknown): void {
  const message = describeFailure(error)
  void messageBox().then((ElMessage) => ElMessage.error({ message, grouping: true, showClose: true }))
}
