/**
 * The raw public-key recovery rate (one core) of the secp256k1 implementations in question, on the
 * same digests and signatures: noble (what src/crypto uses: recoverPublicKey, prehash false),
 * src/crypto's recoverPersonalSigner (EIP-191 keccak + noble, what the extension calls), native
 * libsecp256k1, and the server's recoverSigner (EIP-191 keccak + its backend, both key forms and
 * the address: what the server pays per signature).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { secp256k1Backend } from '../../server/crypto/secp256k1-backend.js'
import { addressOfSigner, recoverSigner } from '../../server/crypto/signer-keys.js'
import { bytesToHex, hashPersonalMessage, recoverPersonalSigner, signPersonalMessage } from '../../src/crypto/index.js'
import { loadNativeSecp256k1 } from './native-secp256k1.js'

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
  const native = loadNativeSecp256k1()
  if (!(native instanceof Error)) {
    candidates.push({
      name: 'native libsecp256k1 ecdsaRecover',
      recover: (s) => native.ecdsaRecover(s.noble.subarray(1), s.noble[0] as number, s.digest, true),
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
      if (bytesToHex(recover(sample)) !== expected[index]) throw new Error(`${name} recovered a different key`)
    })
    return { name, ...rate(samples, recover, durationMs) }
  })
  return { rates, nativeError: native instanceof Error ? native.message : null }
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
