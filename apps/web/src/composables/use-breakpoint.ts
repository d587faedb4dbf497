import { onScopeDispose, readonly, ref, type Ref } from 'vue'

/** Below this width the layout is the phone's: menu drawer, full-screen dialogs, folded filters. */
export const MOBILE_MAX_WIDTH = 767

export interface Breakpoint {
  /** True below 768 px. */
  isMobile: Readonly<Ref<boolean>>
}

/**
 * The one answer to "is this a phone-sized screen?", for every layout decision of the
 * SPA, so the shell, lists and dialogs switch at the same width. It follows the window
 * as it is resized or rotated, and stops listening with the component that asked.
 */
export function useBreakpoint(): Breakpoint {
  const query = window.matchMedia(`(max-width: ${MOBILE_MAX_WIDTH}px)`)
  const isMobile = ref(query.matches)
  const follow = (): void => {
    isMobile.value = query.matches
  }
  query.addEventListener('change', follow)
  onScopeDispose(() => query.removeEventListener('change', follow))
  return { isMobile: readonly(isMobile) }
}
