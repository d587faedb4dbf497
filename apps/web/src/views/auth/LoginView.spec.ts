import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { ElForm } from 'element-plus'
import { i18n } from '@/locales'
import { useAuthStore } from '@/stores/auth'
import { useUserStore } from '@/stores/user'
import { fakeServer, jsonResponse, problemResponse } from '@/testing/fake-server'
import { meRoute } from '@/testing/me'
import { testApp } from '@/testing/plugins'
import LoginView from './LoginView.vue'

async function mountLogin(startAt = '/login') {
  const app = testApp()
  await app.router.push(startAt)
  const wrapper = mount(LoginView, { global: { plugins: app.plugins }, attachTo: document.body })
  return { wrapper, router: app.router }
}

type LoginWrapper = Awaited<ReturnType<typeof mountLogin>>['wrapper']

async function fillIn(wrapper: LoginWrapper, username: string, password: string) {
  await wrapper.get('input[data-testid="login-username"]').setValue(username)
  await wrapper.get('input[data-testid="login-password"]').setValue(password)
}

/** Field messages as shown; Element Plus debounces them, so callers wait for them. */
function fieldMessages(wrapper: LoginWrapper): string[] {
  return wrapper.findAll('.el-form-item__error').map((error) => error.text())
}

async function submit(wrapper: LoginWrapper) {
  await wrapper.get('[data-testid="login-form"]').trigger('submit')
  await flushPromises()
}

describe('LoginView', () => {
  it('refuses empty fields, says which, and calls no one', async () => {
    const server = fakeServer({})
    const { wrapper, router } = await mountLogin()

    await submit(wrapper)

    await vi.waitFor(() => expect(fieldMessages(wrapper)).toEqual(['请输入用户名', '请输入密码']))
    expect(server.fetchMock).not.toHaveBeenCalled()
    expect(router.currentRoute.value.name).toBe('login')
    wrapper.unmount()
  })

  it('refuses a username of blanks', async () => {
    const server = fakeServer({})
    const { wrapper } = await mountLogin()

    await fillIn(wrapper, '   ', 'secret-password')
    await submit(wrapper)

    await vi.waitFor(() => expect(fieldMessages(wrapper)).toEqual(['请输入用户名']))
    expect(server.fetchMock).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('signs in, keeps the tokens and returns to the page that asked', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/login': () =>
        jsonResponse(200, { accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900 }),
      'GET /api/v1/me': meRoute(),
    })
    const { wrapper, router } = await mountLogin('/login?redirect=/dashboard')

    await fillIn(wrapper, 'li.lei', 'secret-password')
    await submit(wrapper)

    await expect(server.requests[0]!.json()).resolves.toEqual({
      username: 'li.lei',
      password: 'secret-password',
    })
    expect(useAuthStore().accessToken).toBe('access-1')
    expect(server.callsTo('GET /api/v1/me')).toHaveLength(1)
    expect(useUserStore().profile?.name).toBe('王芳')
    expect(router.currentRoute.value.fullPath).toBe('/dashboard')
    wrapper.unmount()
  })

  it('shows the server field errors under their fields', async () => {
    fakeServer({
      'POST /api/v1/auth/login': () =>
        problemResponse(400, 'Bad Request', {
          errors: [{ field: 'password', message: 'password must be at least 8 characters' }],
        }),
    })
    const { wrapper, router } = await mountLogin()

    await fillIn(wrapper, 'li.lei', 'short')
    await submit(wrapper)

    await vi.waitFor(() =>
      expect(fieldMessages(wrapper)).toEqual(['password must be at least 8 characters']),
    )
    expect(useAuthStore().isSignedIn).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
    wrapper.unmount()
  })

  it('shows the server\'s own words when the password is wrong, and stays signed out', async () => {
    fakeServer({
      'POST /api/v1/auth/login': () =>
        problemResponse(401, 'Unauthorized', {
          code: 'org.invalid-credentials',
          detail: 'The username or password is wrong.',
        }),
    })
    const { wrapper, router } = await mountLogin()

    await fillIn(wrapper, 'admin', 'not-the-password')
    await submit(wrapper)

    await vi.waitFor(() => expect(document.body.textContent).toContain('The username or password is wrong.'))
    expect(useAuthStore().isSignedIn).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
    wrapper.unmount()
  })

  it('does not show errors on an untouched form when the language is switched, and translates those shown', async () => {
    fakeServer({})
    const { wrapper } = await mountLogin()
    const validated = () => (wrapper.findComponent(ElForm).emitted('validate') ?? []).map(([prop, valid]) => `${String(prop)}:${String(valid)}`)

    i18n.global.locale.value = 'en'
    await nextTick()
    // A later validation of one field to wait on; a validation the switch had started
    // would have ended in the same turn of the event loop.
    await wrapper.get('input[data-testid="login-username"]').setValue('li.lei')
    await wrapper.get('input[data-testid="login-username"]').trigger('blur')
    await vi.waitFor(() => expect(validated()).toContain('username:true'))
    await flushPromises()
    expect(validated()).toEqual(['username:true'])
    expect(fieldMessages(wrapper)).toEqual([])

    i18n.global.locale.value = 'zh-CN'
    await wrapper.get('input[data-testid="login-username"]').setValue('')
    await nextTick()
    await submit(wrapper)
    await vi.waitFor(() => expect(fieldMessages(wrapper)).toEqual(['请输入用户名', '请输入密码']))

    i18n.global.locale.value = 'en'
    await vi.waitFor(() => expect(fieldMessages(wrapper)).toEqual(['Enter your username', 'Enter your password']))
    wrapper.unmount()
  })
})
