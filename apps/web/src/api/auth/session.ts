import type { components } from '../schema'
import { api, dataOf, type TokenPair } from '../request'

export type LoginRequest = components['schemas']['LoginDto']
export type { TokenPair } from '../request'
export type Me = components['schemas']['MeDto']
export type MeProfile = components['schemas']['MeProfileDto']

/** Exchange a username and password for a token pair; a refusal rejects with ApiError. */
export async function login(credentials: LoginRequest): Promise<TokenPair> {
  return dataOf(await api.POST('/api/v1/auth/login', { body: credentials }))
}

/** Ends the session on the server: its refresh token family stops working at once. */
export async function logout(refreshToken: string): Promise<void> {
  await api.POST('/api/v1/auth/logout', { body: { refreshToken } })
}

/** Who is signed in, what they may do, how far they see, and the menu to show them. */
export async function fetchMe(): Promise<Me> {
  return dataOf(await api.GET('/api/v1/me'))
}

/** Changes the caller's own password; the server then ends every session of theirs. */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })
}
