import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PostBindingFlow } from '../../messaging/catalogue.js'
import { describeDoneFlow, type Translate } from './done-notification.js'

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>

/** chrome.i18n.getMessage over a real messages.json: named placeholders → $1, $2 → substitutions. */
function translateWith(locale: string): Translate {
  const file = path.resolve(import.meta.dirname, '../../../public/_locales', locale, 'messages.json')
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Messages
  return (key, substitutions) => {
    const entry = messages[key]
    if (!entry) throw new Error(`no message ${key}`)
    return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? ''
      return substitutions[Number(content.slice(1)) - 1] ?? ''
    })
  }
}

const AVATAR = `0x02${'ab'.repeat(32)}`
const flow = (change: Partial<PostBindingFlow>): PostBindingFlow => ({
  id: 'f1',
  kind: 'post',
  action: 'create',
  platform: 'twitter',
  identity: 'alice',
  avatarId: AVATAR,
  step: 'done',
  postText: '',
  publishUrl: '',
  needsProofLocation: true,
  proofLocation: '1',
  attempts: 1,
  nextAttemptAt: null,
  checkUntil: null,
  status: null,
  createdAt: 0,
  updatedAt: 0,
  ...change,
})

describe('describeDoneFlow', () => {
  it('says who is bound to which avatar', () => {
    expect(describeDoneFlow(flow({}), 'Alice', translateWith('en'))).toEqual({
      title: 'X (Twitter) verified',
      message: '@alice is bound to Alice',
    })
    expect(
      describeDoneFlow(flow({ platform: 'dns', identity: 'example.com' }), 'Alice', translateWith('zh_CN')),
    ).toEqual({
      title: 'DNS 已验证',
      message: 'example.com 已绑定到 Alice',
    })
  })

  it('words a finished revoke, and names an avatar that left the vault by its short id', () => {
    const revoked = flow({ action: 'delete', platform: 'keybase', identity: 'alice' })
    expect(describeDoneFlow(revoked, undefined, translateWith('en'))).toEqual({
      title: 'Keybase binding revoked',
      message: `alice is no longer bound to 0x02abab…abab`,
    })
  })
})
