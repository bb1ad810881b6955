/**
 * Native libsecp256k1 through the `secp256k1` npm package's prebuilt N-API binding (a dev
 * dependency, for the benchmark's comparison only). `secp256k1/bindings` is loaded directly: the
 * package's main entry silently falls back to pure-JS elliptic, which would compare the wrong thing.
 */
import { createRequire } from 'node:module'

export type NativeSecp256k1 = {
  /** 64-byte r||s, recovery id 0/1, 32-byte digest → the public key (33 bytes when compressed). */
  ecdsaRecover(signature: Uint8Array, recoveryId: number, digest: Uint8Array, compressed?: boolean): Uint8Array
}

/** The native binding, or an Error saying why it cannot load. */
export function loadNativeSecp256k1(): NativeSecp256k1 | Error {
  try {
    return createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp256k1
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}
