/** The JSON file GitHub gists and Keybase files hold (§6.2): Go's json.MarshalIndent with tabs, fields in struct order. */
import { quoteGoString } from '../protocol/go-json.js'
import type { TemplateFields } from './platform-spec.js'

/** The proof document with `%SIG_BASE64%` in place of the signature. */
export function proofDocumentTemplate(fields: TemplateFields, site: string, usernameKey: string): string {
  const entries: [string, string][] = [
    ['version', '1'],
    ['comment', `Here's an NextID proof of this ${site} account.`],
    [
      'comment2',
      'To validate, base64.decode the signature, and recover pubkey from it using sign_payload with ethereum personal_sign algo.',
    ],
    ['persona', fields.avatar],
    [usernameKey, fields.identity],
    ['sign_payload', fields.signPayload],
    ['signature', '%SIG_BASE64%'],
    ['created_at', fields.createdAt],
    ['uuid', fields.uuid],
  ]
  return `{\n${entries.map(([key, value]) => `\t${quoteGoString(key)}: ${quoteGoString(value)}`).join(',\n')}\n}`
}
