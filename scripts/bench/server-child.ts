/**
 * The server under test as operators run it (`server/main.ts`), in its own process so the load
 * generator never shares its event loop. Logging is off (LOG_LEVEL=silent), so readiness is
 * polled on /healthz of ports picked free beforehand.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')

export type ServerChild = {
  proofUrl: string
  kvUrl: string
  pid: number
  /** What the server wrote to stderr so far. */
  stderr(): string
  /** SIGTERM (graceful stop), SIGKILL after 15 s; resolves when the process has exited. */
  stop(): Promise<void>
}

/**
 * Starts the server on `databaseUrl`; `nodeArgs` go after tsx's loader, before the entry (e.g.
 * `--cpu-prof`); `env` adds variables (e.g. SECP256K1_NATIVE=off).
 */
export async function startServerChild(
  databaseUrl: string,
  nodeArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<ServerChild> {
  const [proofPort, kvPort] = [await freePort(), await freePort()]
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PROOF_PORT: String(proofPort),
      KV_PORT: String(kvPort),
      LOG_LEVEL: 'silent',
      // The benchmark is one client sending thousands of writes: a per-client limit would measure itself.
      RATE_LIMIT_PER_MINUTE: 'off',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const proofUrl = `http://127.0.0.1:${proofPort}`
  const kvUrl = `http://127.0.0.1:${kvPort}`
  try {
    await waitUntilHealthy([proofUrl, kvUrl], child)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${stderr}`)
  }
  return {
    proofUrl,
    kvUrl,
    pid: child.pid as number,
    stderr: () => stderr,
    stop: () => stopChild(child, exited),
  }
}

async function waitUntilHealthy(urls: string[], child: ChildProcess): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`)
    const healthy = await Promise.all(
      urls.map((url) =>
        fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    )
    if (healthy.every(Boolean)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('server did not become healthy within 60 s')
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

// A port picked free may be taken before the server binds it; on this otherwise quiet loopback
// the window is tiny, and a clash shows up as a startup failure, not as wrong figures.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
