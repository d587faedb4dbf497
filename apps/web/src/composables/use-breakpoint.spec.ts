import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { setViewportWidth } from '@/testing/viewport'
import { useBreakpoint } from './use-breakpoint'

describe('useBreakpoint', () => {
  it('is mobile below 768 px and follows the window as it is resized', () => {
    setViewportWidth(1280)
    const scope = effectScope()
    const { isMobile } = scope.run(() => useBreakpoint())!
    expect(isMobile.value).toBe(false)

    setViewportWidth(390)
    expect(isMobile.value).toBe(true)
    setViewportWidth(768)
    expect(isMobile.value).toBe(false)
    setViewportWidth(767)
    expect(isMobile.value).toBe(true)

    scope.stop()
    setViewportWidth(1280)
    // Stopped with its scope: no longer listening.
    expect(isMobile.value).toBe(true)
  })
})
