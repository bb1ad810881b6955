/**
 * Mask's encrypted `.bin` backups: Mask's own V000/V001 encryption vectors, the synthetic local,
 * cloud and V001 backups of ../shared/mask-vectors, and every way such a file goes wrong. The two
 * V001 files cost one 10,000,000-iteration PBKDF2 each (about 4 s here), run once.
 */
import { encode } from '@msgpack/msgpack'
import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import {
  derivedPersonas,
  HAS_MASK_VECTORS,
  MASK_VECTORS_MISSING,
  readMaskVector,
  SYNTHETIC_CLOUD_ACCOUNT,
  SYNTHETIC_PASSWORD,
} from '../../test/support/mask-vectors.js'
import { avatarId } from '../crypto/index.js'
import { openBackupContainer, parseBackupContainer } from './backup-container.js'
import { MaskImportError, type OpeningProgress, readMaskFile } from './index.js'

const LOCAL_V000 = 'derived/synthetic-local-v000.bin'
const password = new TextEncoder().encode('password')

async function failure(read: Promise<unknown>): Promise<MaskImportError> {
  const error = await read.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  if (!(error instanceof MaskImportError)) throw new Error(`expected a MaskImportError, got ${String(error)}`)
  return error
}

async function aliceFrom(
  file: string,
  credentials: { password: string; account?: string },
  progress?: OpeningProgress[],
) {
  const reading = await readMaskFile(readMaskVector(file), {
    credentials,
    ...(progress ? { onProgress: (step: OpeningProgress) => progress.push(step) } : {}),
  })
  if (reading.kind !== 'found') throw new Error(`${file}: ${reading.kind}`)
  const [persona] = reading.found.personas
  return {
    format: reading.found.format,
    count: reading.found.personas.length,
    nickname: persona?.nickname,
    avatar: persona && avatarId(persona.publicKey),
    openedWith: reading.openedWith,
  }
}

/** The file with its body changed by `edit` and, when asked, its checksum made to fit again. */
function edited(bytes: Uint8Array, edit: (body: Uint8Array) => void, refreshChecksum: boolean): Uint8Array {
  const copy = bytes.slice()
  edit(copy.subarray(16, copy.length - 32))
  if (refreshChecksum) copy.set(sha256(copy.subarray(16, copy.length - 32)), copy.length - 32)
  return copy
}

describe.skipIf(!HAS_MASK_VECTORS)(`Mask's encryption vectors ${HAS_MASK_VECTORS ? '' : MASK_VECTORS_MISSING}`, () => {
  it('V000 (10,000 iterations) decrypts to 04 05 06 with the raw password', async () => {
    const container = parseBackupContainer(readMaskVector('mask-backup-format-tests/v000-password.bin'))
    expect(container.version).toBe('MASK-BACKUP-V000')
    expect(await openBackupContainer(container, password)).toEqual(Uint8Array.of(4, 5, 6))
    expect(await openBackupContainer(container, encode('password'))).toBeUndefined()
  })

  it('V001 (10,000,000 iterations) decrypts to 04 05 06 with the raw password', async () => {
    const container = parseBackupContainer(readMaskVector('mask-backup-format-tests/v001-password.bin'))
    expect(container.version).toBe('MASK-BACKUP-V001')
    expect(await openBackupContainer(container, password)).toEqual(Uint8Array.of(4, 5, 6))
  })
})

describe.skipIf(!HAS_MASK_VECTORS)(`synthetic persona backups ${HAS_MASK_VECTORS ? '' : MASK_VECTORS_MISSING}`, () => {
  const alice = () => derivedPersonas().alice.compressed_public_key_hex

  it('asks for a password before trying anything', async () => {
    expect(await readMaskFile(readMaskVector(LOCAL_V000))).toEqual({
      kind: 'needs-password',
      version: 'MASK-BACKUP-V000',
    })
    expect(await readMaskFile(readMaskVector('derived/synthetic-local-v001.bin'))).toEqual({
      kind: 'needs-password',
      version: 'MASK-BACKUP-V001',
    })
  })

  it('a local V000 backup opens with its password alone: Alice with her nickname', async () => {
    expect(await aliceFrom(LOCAL_V000, { password: SYNTHETIC_PASSWORD })).toEqual({
      format: 'encrypted-backup',
      count: 1,
      nickname: 'Alice',
      avatar: alice(),
      openedWith: { account: undefined },
    })
  })

  it('a cloud backup opens with the e-mail in front of the password, and says so', async () => {
    const opened = await aliceFrom('derived/synthetic-cloud-email-v000.bin', {
      password: SYNTHETIC_PASSWORD,
      account: ` ${SYNTHETIC_CLOUD_ACCOUNT} `,
    })
    expect([opened.avatar, opened.openedWith]).toEqual([alice(), { account: SYNTHETIC_CLOUD_ACCOUNT }])
  })

  it('a local backup still opens when an account was given (the password alone is tried last)', async () => {
    const progress: OpeningProgress[] = []
    const opened = await aliceFrom(LOCAL_V000, { password: SYNTHETIC_PASSWORD, account: 'alice@example.com' }, progress)
    expect(opened.openedWith).toEqual({ account: undefined })
    expect(progress.map(({ attempt, attempts }) => `${attempt}/${attempts}`)).toEqual(['1/2', '2/2'])
  })

  it('a V001 backup opens, reporting its try with an estimate first', async () => {
    const progress: OpeningProgress[] = []
    const opened = await aliceFrom('derived/synthetic-local-v001.bin', { password: SYNTHETIC_PASSWORD }, progress)
    expect(opened.avatar).toBe(alice())
    expect(progress).toHaveLength(1)
    expect(progress[0]?.estimatedMs).toBeGreaterThan(100)
  })

  it('a wrong password, and a cloud backup without its account, import nothing', async () => {
    const wrong = await failure(readMaskFile(readMaskVector(LOCAL_V000), { credentials: { password: 'Passw0rd?' } }))
    expect([wrong.reason, wrong.message]).toEqual([
      'wrong-password',
      'Mask import: no password variant opens the backup',
    ])
    const noAccount = await failure(
      readMaskFile(readMaskVector('derived/synthetic-cloud-email-v000.bin'), {
        credentials: { password: SYNTHETIC_PASSWORD },
      }),
    )
    expect(noAccount.reason).toBe('wrong-password')
  })

  it('a file cut short is damaged, wherever it is cut', async () => {
    const bytes = readMaskVector(LOCAL_V000)
    for (const length of [20, 100, bytes.length - 1]) {
      const error = await failure(
        readMaskFile(bytes.subarray(0, length), { credentials: { password: SYNTHETIC_PASSWORD } }),
      )
      expect([length, error.reason]).toEqual([length, 'damaged-backup'])
    }
  })

  it('a tampered tag is caught by the checksum; refreshed checksum, by AES-GCM', async () => {
    const bytes = readMaskVector(LOCAL_V000)
    const flipLast = (body: Uint8Array) => {
      body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 1
    }
    const credentials = { password: SYNTHETIC_PASSWORD }
    const stale = await failure(readMaskFile(edited(bytes, flipLast, false), { credentials }))
    expect([stale.reason, stale.message]).toEqual([
      'damaged-backup',
      'Mask import: the encrypted backup is damaged: its checksum does not match (cut short or edited)',
    ])
    // AES-GCM cannot tell an edited tag from a wrong key: the honest answer is that the password does not open it.
    const refreshed = await failure(readMaskFile(edited(bytes, flipLast, true), { credentials }))
    expect(refreshed.reason).toBe('wrong-password')
  })

  it('an unknown container version is damaged, not guessed at', async () => {
    const bytes = readMaskVector(LOCAL_V000).slice()
    bytes[15] = '9'.charCodeAt(0)
    expect((await failure(readMaskFile(bytes, { credentials: { password: SYNTHETIC_PASSWORD } }))).reason).toBe(
      'damaged-backup',
    )
  })
})
