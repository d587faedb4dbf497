import type { InjectionKey } from 'vue'

/** What the inputs inside an `<OaForm>` ask of it: errors by path, and "this was edited". */
export interface OaFormContext {
  /** The message for exactly this path, the browser's rule first, else the server's. */
  errorOf(path: string): string | undefined
  /**
   * The person changed the value at this path: show its rules from now on, and drop what
   * the server said about it and everything inside it, or (`only: 'own'`, a line added at
   * the end, which moves no other line) about the path itself alone.
   */
  edited(path: string, only?: 'own'): void
}

export const OA_FORM: InjectionKey<OaFormContext> = Symbol('oa-form')

/** `formData.lines[2].amount` -> `lines-2-amount`: a test id from a value's path. */
export function testIdOf(path: string): string {
  return path.replace(/^formData\./, '').replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')
}
