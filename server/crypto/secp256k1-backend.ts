/**
 * The secp256k1 arithmetic the server's signature checks run on: native libsecp256k1 (the
 * `secp256k1@5` N-API binding, ~20× faster than noble at recovery) when its prebuilt or locally
 * built addon loads, else @noble/curves, which computes the same answers. src/crypto keeps noble
 * only: it runs in the browser too, where no native addon exists.
 */
import { createRequire } from 'node:module'
import { secp256k1 } from '@noble/curves/secp256k1.js'

export type Secp256k1Backend = {
  /** Which implementation runs, for the startup log and the benchmark. */
  readonly name: string
  /**
   * The 65-byte uncompressed key that signed the 32-byte `digest` with r‖s `signature` (64 bytes)
   * and `recoveryId`; null when the signature recovers to no key (r or s zero or ≥ n, no point).
   */
  recover(signature: Uint8Array, recoveryId: 0 | 1, digest: Uint8Array): Uint8Array | null
  /**
   * A SEC1 key whose length (33 or 65) and prefix (02/03 or 04) the caller has checked, as 65
   * uncompressed bytes; null when it is not a point on the curve.
   */
  decode(key: Uint8Array): Uint8Array | null
}

/** The part of `secp256k1/bindings` used here (it throws on every failure). */
type NativeBinding = {
  ecdsaRecover(signature: Uint8Array, recoveryId: number, digest: Uint8Array, compressed: boolean): Uint8Array
  publicKeyConvert(key: Uint8Array, compressed: boolean): Uint8Array
}

export const NATIVE_NAME = 'native libsecp256k1 (secp256k1@5)'
export const NOBLE_NAME = '@noble/curves'

/** libsecp256k1 through `binding`; failures are answers (null), not exceptions. */
export function nativeBackend(binding: NativeBinding): Secp256k1Backend {
  return {
    name: NATIVE_NAME,
    recover(signature, recoveryId, digest) {
      try {
        return binding.ecdsaRecover(signature, recoveryId, digest, false)
      } catch {
        return null
      }
    },
    decode(key) {
      try {
        return binding.publicKeyConvert(key, false)
      } catch {
        return null
      }
    },
  }
}

/** The pure-JavaScript fallback, the same arithmetic src/crypto uses. */
export function nobleBackend(): Secp256k1Backend {
  return {
    name: NOBLE_NAME,
    recover(signature, recoveryId, digest) {
      try {
        const sig = secp256k1.Signature.fromBytes(signature, 'compact').addRecoveryBit(recoveryId)
        return sig.recoverPublicKey(digest).toBytes(false)
      } catch {
        return null
      }
    },
    decode(key) {
      try {
        return secp256k1.Point.fromBytes(key).toBytes(false)
      } catch {
        return null
      }
    },
  }
}

/**
 * Loads the native binding once. `secp256k1/bindings` is required directly: the package's main
 * entry silently falls back to pure-JS elliptic, which would hide a missing addon.
 * `SECP256K1_NATIVE=off` runs the fallback on purpose (the benchmark compares the two).
 */
export function loadSecp256k1Backend(
  load: () => unknown = () => createRequire(import.meta.url)('secp256k1/bindings'),
  env: NodeJS.ProcessEnv = process.env,
): { backend: Secp256k1Backend; nativeError: string | null } {
  if (env.SECP256K1_NATIVE === 'off')
    return { backend: nobleBackend(), nativeError: 'turned off by SECP256K1_NATIVE=off' }
  try {
    return { backend: nativeBackend(load() as NativeBinding), nativeError: null }
  } catch (error) {
    return { backend: nobleBackend(), nativeError: error instanceof Error ? error.message : String(error) }
  }
}

const loaded = loadSecp256k1Backend()

/** The process's backend, chosen once at startup. */
export const secp256k1Backend: Secp256k1Backend = loaded.backend

/** Why the native binding did not load, or null when it did (logged at startup). */
export const nativeLoadError: string | null = loaded.nativeError
