import type { OaAttachmentRef } from '@zhongshu/contracts'
import { dataOf } from '../request'
import { oaApi } from '../oa/client'

export type AttachmentRef = OaAttachmentRef

/** Uploads one file (multipart, field `file`); the answer is what a form stores for it. */
export async function uploadAttachment(file: File): Promise<AttachmentRef> {
  const body = new FormData()
  body.append('file', file, file.name)
  return dataOf(
    await oaApi.POST('/api/v1/platform/attachments', {
      body,
      bodySerializer: (value: unknown) => value as FormData,
    }),
  )
}
