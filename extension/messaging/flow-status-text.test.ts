/**
 * Every status the background can report has words in every language the extension ships, built
 * from codes alone: no sentence of the background's reaches the UI, and nothing stays untranslated.
 */
import { describe, expect, it } from 'vitest'
import { LOCALES, messageReader } from '../../test/support/locale-messages.js'
import { FLOW_STATUS_CODES, type FlowStatus, isFlowStatus } from './flow-status.js'
import { flowStatusText, type Translate } from './flow-status-text.js'

// Values that come from outside the UI and are shown as they are: quoted service words, accounts, codes.
const SERVICE_WORDS = 'tweet not found: 42'
const SAMPLES: Record<FlowStatus['code'], FlowStatus> = {
  'not-accepted-yet': { code: 'not-accepted-yet', serviceMessage: SERVICE_WORDS },
  'service-unreachable': { code: 'service-unreachable', httpStatus: 503 },
  'chain-moved': { code: 'chain-moved' },
  'chain-moved-locked': { code: 'chain-moved-locked' },
  'gave-up': { code: 'gave-up', serviceMessage: SERVICE_WORDS, waitedMs: 48 * 3_600_000 },
  refused: { code: 'refused', serviceMessage: SERVICE_WORDS },
  'wrong-account': { code: 'wrong-account', account: 'mallory' },
  'text-mismatch': { code: 'text-mismatch' },
  'not-listed': { code: 'not-listed' },
  'still-listed': { code: 'still-listed' },
  'payload-mismatch': { code: 'payload-mismatch' },
  error: { code: 'error', errorCode: 'WALLET_REJECTED' },
  'wallet-resign': { code: 'wallet-resign' },
  interrupted: { code: 'interrupted' },
  'needs-proof': { code: 'needs-proof', serviceMessage: SERVICE_WORDS },
}
const ERROR_CODES = [
  'EARLIER_VERSION',
  'LOCKED',
  'PAYLOAD_MISMATCH',
  'WALLET_REJECTED',
  'WALLET_TIMEOUT',
  'WALLET_PAGE_CLOSED',
  'WALLET_PAGE_CHANGED',
  'WALLET_SIGNER_MISMATCH',
  'WALLET_ACCOUNT_MISMATCH',
  'WALLET_BAD_ANSWER',
  'WALLET_ERROR',
  'NO_WALLET_PAGE',
  'SOMETHING_NEW',
]

const translatorFor = (locale: (typeof LOCALES)[number]): Translate => {
  const read = messageReader(locale)
  return (key, ...substitutions) => read(key, substitutions)
}
const render = (status: FlowStatus, locale: (typeof LOCALES)[number], step: 'submit' | 'failed' = 'failed') =>
  flowStatusText(
    { step, platform: 'twitter', identity: 'alice', status },
    translatorFor(locale),
    locale === 'en' ? 'en' : 'zh-CN',
  )

describe('flowStatusText', () => {
  it('has a well-formed sample for every status code', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...FLOW_STATUS_CODES].sort())
    for (const status of Object.values(SAMPLES)) expect(isFlowStatus(status), status.code).toBe(true)
  })

  it('words every status in every locale, with every placeholder filled', () => {
    const statuses = [
      ...Object.values(SAMPLES),
      ...ERROR_CODES.map((errorCode): FlowStatus => ({ code: 'error', errorCode })),
    ]
    for (const locale of LOCALES) {
      for (const status of statuses) {
        for (const step of ['submit', 'failed'] as const) {
          const text = render(status, locale, step)
          expect(text, `${locale} ${JSON.stringify(status)}`).not.toBe('')
          expect(text, `${locale} ${status.code}`).not.toMatch(/\$[A-Z0-9_]+\$|\$\d/)
        }
      }
    }
  })

  it('leaves no English in the Chinese texts but the values it quotes', () => {
    const quoted = [SERVICE_WORDS, '@mallory', '@alice', 'SOMETHING_NEW', 'Start again', 'ProofService']
    for (const status of [...Object.values(SAMPLES), { code: 'error', errorCode: 'SOMETHING_NEW' } as const]) {
      let text = render(status, 'zh_CN')
      for (const value of quoted) text = text.replaceAll(value, '')
      expect(text, status.code).not.toMatch(/[A-Za-z]{3,}/)
    }
  })

  it('quotes the service and names the accounts, with X handles written with @', () => {
    expect(render(SAMPLES['not-accepted-yet'], 'en', 'submit')).toBe(
      `Not accepted yet; the service says: “${SERVICE_WORDS}”. A new post can take a while to become visible, so the extension keeps checking.`,
    )
    // A DNS record, not a post, is what may take a while.
    expect(
      flowStatusText(
        { step: 'submit', platform: 'dns', identity: 'a.example', status: SAMPLES['not-accepted-yet'] },
        translatorFor('en'),
        'en',
      ),
    ).toContain('A new DNS record can take a while to become visible')
    expect(render(SAMPLES['wrong-account'], 'en')).toBe(
      'This page is logged in as @mallory, but the binding is for @alice. Log in as @alice, then Start again.',
    )
    expect(render(SAMPLES['gave-up'], 'en')).toContain('Stopped checking after 48 hours.')
    expect(render(SAMPLES['service-unreachable'], 'en', 'submit')).toBe(
      'The service cannot be reached right now; the extension keeps trying.',
    )
    expect(render(SAMPLES['service-unreachable'], 'en', 'failed')).toContain('could not be reached for a long time')
    expect(
      flowStatusText(
        { step: 'publish', platform: 'dns', identity: 'a.example', status: null },
        translatorFor('en'),
        'en',
      ),
    ).toBe('')
  })
})
