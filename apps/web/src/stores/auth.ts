import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { login, logout, type LoginRequest, type TokenPair } from '@/api/auth/session'
import { useUserStore } from './user'

const SESSION_KEY = 'zhongshu.session'

interface SavedSession {
  username: string
  accessToken: string
  refreshToken: string
}

function isSavedSession(value: unknown): value is SavedSession {
  if (typeof value !== 'object' || value === null) return false
  const { username, accessToken, refreshToken } = value as Record<string, unknown>
  return (
    typeof username === 'string' &&
    typeof accessToken === 'string' &&
    typeof refreshToken === 'string'
  )
}

function readSavedSession(): SavedSession | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null')
    return isSavedSession(parsed) ? parsed : null
  } catch {
    return null
  }
}

/**
 * The session: who signed in and their tokens. Kept in localStorage because the login
 * contract hands both tokens to the SPA and a reload must not sign the user out.
 * `expiresIn` is not kept: the request client refreshes when the server answers 401,
 * not on a timer, so the server's clock is the only one that counts.
 */
export const useAuthStore = defineStore('auth', () => {
  const saved = readSavedSession()
  const username = ref<string | null>(saved?.username ?? null)
  const accessToken = ref<string | null>(saved?.accessToken ?? null)
  const refreshToken = ref<string | null>(saved?.refreshToken ?? null)

  const isSignedIn = computed(() => accessToken.value !== null)

  function save(): void {
    if (username.value === null || accessToken.value === null || refreshToken.value === null) {
      localStorage.removeItem(SESSION_KEY)
      return
    }
    const session: SavedSession = {
      username: username.value,
      accessToken: accessToken.value,
      refreshToken: refreshToken.value,
    }
    localStorage.setItem(SESSION_KEY, JSON.stringify(session))
  }

  function keepTokens(tokens: TokenPair): void {
    accessToken.value = tokens.accessToken
    refreshToken.value = tokens.refreshToken
    save()
  }

  /** Signs in, then loads who the person is and what they may do (GET /me). */
  async function signIn(credentials: LoginRequest): Promise<void> {
    const tokens = await login(credentials)
    username.value = credentials.username
    keepTokens(tokens)
    await useUserStore().load()
  }

  /** Forget the session here: tokens, profile, permissions and menus. */
  function forget(): void {
    username.value = null
    accessToken.value = null
    refreshToken.value = null
    save()
    useUserStore().forget()
  }

  /**
   * Ends the session on the server too, so the refresh token cannot be used again.
   * The local session is forgotten whatever the server answers: a person who clicks
   * "sign out" while offline must still be signed out of this browser.
   */
  async function signOut(): Promise<void> {
    const token = refreshToken.value
    forget()
    if (token !== null) await logout(token)
  }

  return { username, accessToken, refreshToken, isSignedIn, keepTokens, signIn, signOut, forget }
})
