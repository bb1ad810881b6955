/**
 * Runs in: Node (`npx tsx scripts/bench-vault.ts [--runs 10] [--iterations 600000]`).
 * Measures what a user waits for: sealing the vault, and unlocking it (PBKDF2 derive + key check +
 * AES-GCM decrypt) at the default iteration count. Reports only; a benchmark is never a test.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import {
  DEFAULT_PBKDF2_ITERATIONS,
  deriveVaultKey,
  openSecret,
  openSecretWithKey,
  sealSecret,
} from '../src/vault/index.js'

const TARGET_UNLOCK_MS = 700

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    iterations: { type: 'string', default: String(DEFAULT_PBKDF2_ITERATIONS) },
  },
})
const runs = Number(values.runs)
const iterations = Number(values.iterations)
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs expects a positive integer, got ${values.runs}`)

/** Runs `action` `runs` times after a warm-up, prints min / median / max, returns the median. */
async function time(label: string, action: () => Promise<unknown>): Promise<number> {
  await action() // warm-up: first WebCrypto use loads OpenSSL state
  const samples: number[] = []
  for (let run = 0; run < runs; run++) {
    const start = performance.now()
    await action()
    samples.push(performance.now() - start)
  }
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length / 2
  const median =
    sorted.length % 2 ? sorted[Math.floor(middle)] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  const format = (ms: number | undefined) => `${(ms ?? Number.NaN).toFixed(1)} ms`
  console.log(`${label.padEnd(34)} min ${format(sorted[0])}  median ${format(median)}  max ${format(sorted.at(-1))}`)
  return median ?? Number.NaN
}

const cpus = os.cpus()
console.log(`machine        ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.arch()}`)
console.log(`node           ${process.version}`)
console.log(`PBKDF2         SHA-256, ${iterations.toLocaleString('en')} iterations (WebCrypto)`)
console.log(`runs           ${runs} (after one warm-up)\n`)

const password = 'correct horse battery staple'
const secret = crypto.getRandomValues(new Uint8Array(32))
const envelope = await sealSecret(secret, password, { iterations })

await time('seal (derive + encrypt)', () => sealSecret(secret, password, { iterations }))
const median = await time('unlock (derive + decrypt)', () => openSecret(envelope, password, { iterations }))
const key = await deriveVaultKey(password, envelope)
await time('unlock with session key (decrypt)', () => openSecretWithKey(envelope, key))

const verdict = median <= TARGET_UNLOCK_MS ? 'within' : 'OVER'
console.log(`\nunlock median ${median.toFixed(1)} ms: ${verdict} the ${TARGET_UNLOCK_MS} ms aim`)
