/**
 * Runs in: unit tests and e2e. Mask Network's persona fixtures and encryption vectors, and the
 * avatars they must import to, from `../shared/mask-vectors/` (sources in its README). They are data
 * from a public repository (and a few synthetic files made from it): read from there, never copied
 * into the project. Where the folder is absent the tests that need it say so and count as skipped.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const MASK_VECTORS_DIR = path.resolve(import.meta.dirname, '../../../shared/mask-vectors')

/** True when the vectors are beside the project. */
export const HAS_MASK_VECTORS = existsSync(MASK_VECTORS_DIR)

/** Why tests on the vectors are skipped, for their titles. */
export const MASK_VECTORS_MISSING = `skipped: no Mask vectors at ${MASK_VECTORS_DIR}`

/** One vector file's bytes. */
export function readMaskVector(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(MASK_VECTORS_DIR, file)))
}

/** One vector file as UTF-8 text. */
export function readMaskVectorText(file: string): string {
  return readFileSync(path.join(MASK_VECTORS_DIR, file), 'utf8')
}

/** A persona as derived/personas-derived.json lists it. */
export type DerivedPersona = {
  nickname: string
  mnemonic: string
  bip39_passphrase: string
  private_key_hex: string
  compressed_public_key_hex: string
  export_private_key_string_synthetic: string
}

/** Alice and Bob, with the exact avatar each fixture must import to. */
export function derivedPersonas(): { alice: DerivedPersona; bob: DerivedPersona } {
  const { personas } = JSON.parse(readMaskVectorText('derived/personas-derived.json')) as { personas: DerivedPersona[] }
  const byName = (name: string) => {
    const persona = personas.find((entry) => entry.nickname === name)
    if (!persona) throw new Error(`derived/personas-derived.json lists no ${name}`)
    return persona
  }
  return { alice: byName('Alice'), bob: byName('Bob') }
}

/** Password of the synthetic local backups; the cloud one adds its account in front (README). */
export const SYNTHETIC_PASSWORD = 'Passw0rd!'
export const SYNTHETIC_CLOUD_ACCOUNT = 'alice@example.com'
