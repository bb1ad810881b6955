/**
 * The one error server code throws on purpose to answer with a status. Every error response of
 * both services has the body `{"message": "…"}` (§4.1, §9.1); createErrorHandler maps it.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export class HttpError extends Error {
  readonly status: ContentfulStatusCode

  constructor(status: ContentfulStatusCode, message: string) {
    super(message)
    this.name = 'HttpError'
    this.status = status
  }
}
