/** noble's secp256k1 with recoverPublicKey (recovered format, prehash false) done by native libsecp256k1. */
import { createRequire } from 'node:module'
import { secp256k1 as noble } from '@noble/curves/secp256k1.js'

const native = createRequire(import.meta.url)('secp256k1/bindings')

export const secp256k1 = Object.freeze({
  ...noble,
  recoverPublicKey(recovered, digest, options) {
    if (options?.prehash !== false || recovered.length !== 65) throw new Error('shim: unsupported call')
    return native.ecdsaRecover(recovered.subarray(1), recovered[0], digest, true)
  },
})

process.stderr.write('bench: native recovery shim active\n')
