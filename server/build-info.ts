/**
 * Which code is running, for /healthz. A container image without .git sets GIT_REVISION and
 * BUILT_AT; otherwise the revision comes from the checkout and "built at" is the start time,
 * since `tsx` runs the sources without a build step.
 */
import { execFileSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Env } from './config.js'
import type { BuildInfo } from './service-deps.js'

/** Reads GIT_REVISION / BUILT_AT, falling back to `git rev-parse HEAD` and the current time. */
export function readBuildInfo(env: Env, now: Date = new Date()): BuildInfo {
  const revision = env.GIT_REVISION?.trim() || gitHead() || 'unknown'
  const builtAt = env.BUILT_AT?.trim()
  return {
    revision,
    builtAt: builtAt && /^\d{1,12}$/.test(builtAt) ? builtAt : String(Math.floor(now.getTime() / 1000)),
  }
}

function gitHead(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: dirname(fileURLToPath(import.meta.url)),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    }).trim()
    return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined
  } catch {
    return undefined
  }
}
