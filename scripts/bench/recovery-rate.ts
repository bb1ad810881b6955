/**
 * The raw public-key recovery rate (one core) of the secp256k1 implementations in question, on the
 * same digests and signatures: noble (what src/crypto uses: recoverPublicKey, prehash false),
 * src/crypto's recoverPersonalSigner (EIP-191 keccak + noble, what the extension calls), native
 * libsecp256k1, and the server's recoverSigner (EIP-191 keccak + its backend, both key forms and
 * the address: what the server pays per signature).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { loadSecp256k1Backend, secp256k1Backend } from '../../server/crypto/secp256k1-backend.js'
import { addressOfSigner, recoverSigner } from '../../server/crypto/signer-keys.js'
import { bytesToHex, hashPersonalMessage, recoverPersonalSigner, signPersonalMessage } from '../../src/crypto/index.js'

export type RecoveryRate = { name: string; opsPerSecond: number; operations: number; seconds: number }

type Sample = { message: string; digest: Uint8Array; ethereum: Uint8Array; noble: Uint8Array }

/** Measures each implementation for about `durationMs` after a short warm-up; native is absent when it cannot load. */
export function measureRecoveryRates(durationMs: number): { rates: RecoveryRate[]; nativeError: string | null } {
  const samples = makeSamples(64)
  const expected = samples.map((sample) =>
    bytesToHex(secp256k1.recoverPublicKey(sample.noble, sample.digest, { prehash: false })),
  )
  const candidates: { name: string; recover: (sample: Sample) => Uint8Array }[] = [
    {
      name: 'noble recoverPublicKey',
      recover: (s) => secp256k1.recoverPublicKey(s.noble, s.digest, { prehash: false }),
    },
    { name: 'src/crypto recoverPersonalSigner', recover: (s) => recoverPersonalSigner(s.message, s.ethereum) },
  ]
  // The server's loader, with SECP256K1_NATIVE ignored: native is measured whenever it can load.
  const native = loadSecp256k1Backend(undefined, {})
  if (native.nativeError === null) {
    candidates.push({
      name: 'native libsecp256k1 ecdsaRecover',
      recover: (s) => native.backend.recover(s.noble.subarray(1), s.noble[0] as 0 | 1, s.digest) ?? new Uint8Array(),
    })
  }
  candidates.push({
    name: `server recoverSigner + address (${secp256k1Backend.name.startsWith('native') ? 'native' : 'noble'})`,
    recover: (s) => {
      const signer = recoverSigner(s.message, s.ethereum)
      addressOfSigner(signer)
      return signer.compressed
    },
  })
  const rates = candidates.map(({ name, recover }) => {
    // Same answers first: a fast wrong implementation is no comparison.
    samples.forEach((sample, index) => {
      if (compressedHex(recover(sample)) !== expected[index]) throw new Error(`${name} recovered a different key`)
    })
    return { name, ...rate(samples, recover, durationMs) }
  })
  return { rates, nativeError: native.nativeError }
}

function rate(samples: Sample[], recover: (sample: Sample) => Uint8Array, durationMs: number) {
  const loop = (ms: number) => {
    let operations = 0
    const start = performance.now()
    while (performance.now() - start < ms) {
      // Eight per clock read, so reading the clock costs nothing measurable.
      for (let i = 0; i < 8; i++) recover(samples[(operations + i) % samples.length] as Sample)
      operations += 8
    }
    return { operations, seconds: (performance.now() - start) / 1000 }
  }
  loop(Math.min(300, durationMs / 4)) // warm-up: JIT and noble's lazy tables
  const { operations, seconds } = loop(durationMs)
  return { operations, seconds, opsPerSecond: operations / seconds }
}

function makeSamples(count: number): Sample[] {
  return Array.from({ length: count }, (_, index) => {
    const key = new Uint8Array(32).fill(index + 1)
    const message = `bench message ${index}`
    const ethereum = signPersonalMessage(message, key)
    const noble = new Uint8Array(65)
    noble[0] = (ethereum[64] as number) - 27
    noble.set(ethereum.subarray(0, 64), 1)
    return { message, digest: hashPersonalMessage(message), ethereum, noble }
  })
}

/** A key as compressed hex, whichever form an implementation answers (native: uncompressed). */
function compressedHex(key: Uint8Array): string {
  if (key.length !== 65) return bytesToHex(key)
  const compressed = key.slice(0, 33)
  compressed[0] = 0x02 | ((key[64] as number) & 1)
  return bytesToHex(compressed)
}
