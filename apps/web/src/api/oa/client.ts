import { createApiClient } from '../request'
import type { OaPaths } from './wire'

/** The request client for the OA routes (and platform uploads), until they are in the generated document. */
export const oaApi = createApiClient<OaPaths>()
