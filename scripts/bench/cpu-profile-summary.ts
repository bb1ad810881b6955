/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and adds up self time by where the code lives, so a
 * benchmark can say where the server's CPU goes: signature recovery, public-key decompression,
 * hashing, the PostgreSQL driver, the HTTP stack, the server's own code, garbage collection.
 */
import { readFileSync } from 'node:fs'

type CallFrame = { functionName: string; url: string }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

export type ProfileShare = { area: string; ms: number; share: number }

const IDLE = 'idle (waiting for I/O)'
const NOBLE = '/@noble/curves/'

// First match wins; order matters (noble before the generic node_modules bucket).
const AREAS: [string, (frame: CallFrame) => boolean][] = [
  [IDLE, (frame) => frame.functionName === '(idle)'],
  ['garbage collection', (frame) => frame.functionName === '(garbage collector)'],
  ['secp256k1 recovery (native libsecp256k1)', (frame) => frame.url.includes('/node_modules/secp256k1/')],
  ['hashing (@noble/hashes)', (frame) => frame.url.includes('/@noble/hashes/')],
  ['PostgreSQL driver (pg)', (frame) => /\/node_modules\/pg[^/]*\//.test(frame.url)],
  ['HTTP (hono, @hono/node-server)', (frame) => /\/node_modules\/(hono|@hono)\//.test(frame.url)],
  ['Node internals (net, http, streams)', (frame) => frame.url.startsWith('node:')],
  ['other packages', (frame) => frame.url.includes('/node_modules/')],
  ['core library (src/)', (frame) => frame.url.includes('/src/')],
  ['server code (server/)', (frame) => frame.url.includes('/server/')],
  ['V8/native (program, builtins)', () => true],
]

/**
 * Self time per area within `windowsUs` (µs of the monotonic clock: the timed loads, so startup
 * and shutdown do not count), largest first, with its share of the busy (non-idle) time.
 */
export function summarizeCpuProfile(path: string, windowsUs: readonly [number, number][]): ProfileShare[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const areaOf = areasByNode(profile.nodes)
  const micros = new Map<string, number>()
  let at = profile.startTime
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0
    at += delta
    if (!windowsUs.some(([start, end]) => at >= start && at <= end)) return
    const area = areaOf.get(id) ?? 'V8/native (program, builtins)'
    micros.set(area, (micros.get(area) ?? 0) + delta)
  })
  const busy = [...micros].filter(([area]) => area !== IDLE).reduce((sum, [, us]) => sum + us, 0)
  return [...micros]
    .map(([area, us]) => ({ area, ms: us / 1000, share: area === IDLE ? Number.NaN : us / busy }))
    .sort((a, b) => b.ms - a.ms)
}

// noble's field arithmetic serves both recovery and key parsing: its time goes to the caller it
// ran for — inside recoverPublicKey it is recovery, under Point.fromBytes (outside a recovery)
// it is the square root that decompresses a 33-byte public key.
function areasByNode(nodes: readonly ProfileNode[]): Map<number, string> {
  const parentOf = new Map<number, ProfileNode>()
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node)
  const areaOf = new Map<number, string>()
  for (const node of nodes) {
    const frame = node.callFrame
    if (!frame.url.includes(NOBLE)) {
      areaOf.set(node.id, (AREAS.find(([, test]) => test(frame)) as [string, unknown])[0])
      continue
    }
    let area = 'secp256k1, other (@noble/curves)'
    for (let at: ProfileNode | undefined = node; at; at = parentOf.get(at.id)) {
      if (!at.callFrame.url.includes(NOBLE)) break
      if (at.callFrame.functionName === 'recoverPublicKey') {
        area = 'secp256k1 recovery (@noble/curves)'
        break
      }
      if (at.callFrame.functionName === 'fromBytes') area = 'secp256k1 key decompression (@noble/curves)'
    }
    areaOf.set(node.id, area)
  }
  return areaOf
}
