/** What signing a proof payload does, worded in the popup from the facts read out of the payload. */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { language } from '../../../test/support/popup-i18n.js'

vi.mock('webextension-polyfill', () => import('../../../test/support/popup-i18n.js'))
const { proofPayloadWords } = await import('./payload-words.js')

const AVATAR = `0x02${'ab'.repeat(32)}`
const WALLET = '0x7e5f4552091a69125d5dfcb7b8c2659029395bdf'

describe('proofPayloadWords', () => {
  beforeEach(() => {
    language.current = 'en'
  })

  it('names the account the way it is written, and the avatar by its short id', () => {
    expect(proofPayloadWords({ action: 'create', platform: 'twitter', identity: 'alice', avatar: AVATAR })).toBe(
      'Bind X (Twitter) @alice to avatar 0x02abab…abab',
    )
    expect(proofPayloadWords({ action: 'delete', platform: 'ethereum', identity: WALLET, avatar: null })).toBe(
      'Revoke the binding of Ethereum wallet 0x7e5f45…5bdf from your avatar',
    )
  })

  it('says it in Chinese with no English but the names it quotes', () => {
    language.current = 'zh_CN'
    const text = proofPayloadWords({ action: 'delete', platform: 'dns', identity: 'example.com', avatar: AVATAR })
    expect(text).toContain('example.com')
    expect(text).toContain('0x02abab…abab')
    expect(text.replace('example.com', '').replace('DNS', '').replace('0x02abab…abab', '')).not.toMatch(/[A-Za-z]{3,}/)
  })
})
