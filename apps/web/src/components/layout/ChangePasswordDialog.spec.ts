import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { useAuthStore } from '@/stores/auth'
import { fakeServer, problemResponse } from '@/testing/fake-server'
import { mountView } from '@/testing/mount-view'
import ChangePasswordDialog from './ChangePasswordDialog.vue'

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

function type(testId: string, value: string): void {
  const input = document.querySelector(`input[data-testid="${testId}"]`) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

async function fillAndSave(current: string, next: string, repeat = next) {
  const mounted = mountView({ components: { ChangePasswordDialog }, data: () => ({ open: false }), template: '<ChangePasswordDialog v-model:open="open" />' })
  wrapper = mounted.wrapper
  useAuthStore().keepTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 })
  ;(wrapper.vm as unknown as { open: boolean }).open = true
  await flushPromises()
  type('password-current', current)
  type('password-new', next)
  type('password-repeat', repeat)
  await flushPromises()
  ;(document.querySelector('[data-testid="password-save"]') as HTMLElement).click()
  await flushPromises()
  return mounted
}

describe('ChangePasswordDialog', () => {
  it('does not send two different new passwords', async () => {
    const server = fakeServer({})
    await fillAndSave('Demo@2026', 'a-new-passphrase', 'another-passphrase')
    expect(server.fetchMock).not.toHaveBeenCalled()
    await vi.waitFor(() =>
      expect(document.querySelector('[data-testid="password-form"]')!.textContent).toContain('两次输入的新密码不一致'),
    )
  })

  it('shows a wrong current password under its field and keeps the session', async () => {
    fakeServer({
      'POST /api/v1/auth/password': () =>
        problemResponse(422, 'Unprocessable Entity', {
          code: 'org.invalid-credentials',
          detail: 'The current password is wrong.',
          errors: [{ field: 'currentPassword', message: 'is wrong' }],
        }),
    })
    await fillAndSave('not-it', 'a-new-passphrase')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="password-form"]')!.textContent).toContain('is wrong'))
    expect(useAuthStore().isSignedIn).toBe(true)
  })

  it('after a change, forgets the session (the server ended it) and goes to sign-in', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/password': () => new Response(null, { status: 204 }) })
    const { router } = await fillAndSave('Demo@2026', 'a-new-passphrase')
    await expect(server.callsTo('POST /api/v1/auth/password')[0]!.json()).resolves.toEqual({
      currentPassword: 'Demo@2026',
      newPassword: 'a-new-passphrase',
    })
    expect(useAuthStore().isSignedIn).toBe(false)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
  })
})
