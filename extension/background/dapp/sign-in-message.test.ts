import { verifyMessage } from 'viem'
import { parseSiweMessage, validateSiweMessage } from 'viem/siwe'
import { describe, expect, it } from 'vitest'
import { avatarAddress, bytesToHex, getPublicKey, hexToBytes, signPersonalMessage } from '../../../src/crypto/index.js'
import { buildSignInMessage, parseSignInRequest } from './sign-in-message.js'

const KEY = hexToBytes('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318', 'key')
const AVATAR = `0x${bytesToHex(getPublicKey(KEY))}`
const ADDRESS = avatarAddress(AVATAR)
const ISSUED = new Date('2024-05-01T12:00:00.000Z')

describe('buildSignInMessage', () => {
  it('writes the ERC-4361 layout with the origin’s domain and the avatar’s address', () => {
    const request = parseSignInRequest({ nonce: 'abcDEF123', statement: 'Sign in to the example.' })
    expect(buildSignInMessage('https://dapp.example', ADDRESS, request, ISSUED)).toBe(
      [
        'dapp.example wants you to sign in with your Ethereum account:',
        ADDRESS,
        '',
        'Sign in to the example.',
        '',
        'URI: https://dapp.example',
        'Version: 1',
        'Chain ID: 1',
        'Nonce: abcDEF123',
        'Issued At: 2024-05-01T12:00:00.000Z',
      ].join('\n'),
    )
  })

  it('collapses to two empty lines without a statement and keeps a port and a non-https scheme', () => {
    const message = buildSignInMessage(
      'http://localhost:3000',
      ADDRESS,
      parseSignInRequest({ nonce: '12345678' }),
      ISSUED,
    )
    expect(message.split('\n').slice(0, 5)).toEqual([
      'http://localhost:3000 wants you to sign in with your Ethereum account:',
      ADDRESS,
      '',
      '',
      'URI: http://localhost:3000',
    ])
  })

  it('parses, validates and verifies with viem (an independent implementation)', async () => {
    const request = parseSignInRequest({
      nonce: 'n0nce1234',
      statement: 'Hello',
      chainId: 10,
      expirationTime: '2030-01-01T00:00:00Z',
    })
    const message = buildSignInMessage('https://dapp.example', ADDRESS, request, ISSUED)
    const parsed = parseSiweMessage(message)
    expect(parsed).toMatchObject({
      domain: 'dapp.example',
      address: ADDRESS,
      statement: 'Hello',
      uri: 'https://dapp.example',
      version: '1',
      chainId: 10,
      nonce: 'n0nce1234',
    })
    expect(validateSiweMessage({ message: parsed, domain: 'dapp.example', nonce: 'n0nce1234', time: ISSUED })).toBe(
      true,
    )
    expect(validateSiweMessage({ message: parsed, domain: 'evil.example', time: ISSUED })).toBe(false)
    const signature = `0x${bytesToHex(signPersonalMessage(message, KEY))}` as const
    expect(await verifyMessage({ address: ADDRESS as `0x${string}`, message, signature })).toBe(true)
  })
})

describe('parseSignInRequest', () => {
  it('defaults the chain to 1 and refuses bad fields with messages naming them', () => {
    expect(parseSignInRequest({ nonce: 'abcdefgh' })).toEqual({ nonce: 'abcdefgh', chainId: 1 })
    const cases: [unknown, string][] = [
      [undefined, '"params" expected an object, got undefined'],
      [{ nonce: 'short' }, '"nonce" expected 8 to 64 letters or digits'],
      [{ nonce: 'abc-defgh' }, '"nonce" expected 8 to 64 letters or digits'],
      [{ nonce: 12345678 }, '"nonce" expected string, got number'],
      [
        { nonce: 'abcdefgh', statement: 'two\nlines' },
        '"statement" expected one line of 1 to 280 printable ASCII characters',
      ],
      [{ nonce: 'abcdefgh', chainId: 0 }, '"chainId" expected 1..9007199254740991, got 0'],
      [
        { nonce: 'abcdefgh', expirationTime: 'tomorrow' },
        '"expirationTime" expected an RFC 3339 date-time, got string',
      ],
      [{ nonce: 'abcdefgh', domain: 'evil.example' }, '"params.domain" is not a sign-in field'],
    ]
    for (const [params, message] of cases) expect(() => parseSignInRequest(params), message).toThrow(message)
  })
})
