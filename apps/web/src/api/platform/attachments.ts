import type { OaAttachmentRef } from '@zhongshu/contracts'
import { api, dataOf } from '../request'

export type AttachmentRef = OaAttachmentRef

/**
 * Uploads one file: its bytes as `application/octet-stream`, its name in the query (the
 * server tells the type from the bytes and the extension). The answer is what a form or
 * a comment stores for it.
 */
export async function uploadAttachment(file: File): Promise<AttachmentRef> {
  const stored = dataOf(
    await api.POST('/api/v1/platform/files', {
      params: { query: { name: file.name } },
      body: file as unknown as string,
      bodySerializer: (value: unknown) => value as Blob,
      headers: { 'Content-Type': 'application/octet-stream' },
    }),
  )
  return { id: stored.id, name: stored.name, size: stored.size }
}

/** Where the browser downloads a stored file (the session's token is not in a link, so it is fetched). */
export async function downloadAttachment(id: string): Promise<Blob> {
  return dataOf(await api.GET('/api/v1/platform/files/{id}', { params: { path: { id } }, parseAs: 'blob' })) as Blob
}
