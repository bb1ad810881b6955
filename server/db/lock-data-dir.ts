/**
 * PGlite has no postmaster.pid: two processes writing one folder would corrupt it. A lock file
 * holding the owner's pid refuses the second opener; a lock left by a crashed process is taken over.
 */
import { readFile, rm, writeFile } from 'node:fs/promises'

export type DataDirLock = { release(): Promise<void> }

const heldHere = new Set<string>()

/** Takes `<dir>.lock`, or throws when a live process (this one included) holds it. */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const path = `${dir}.lock`
  if (!(await tryCreate(path))) {
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10)
    if (heldHere.has(path) || (owner !== process.pid && isAlive(owner))) {
      throw new Error(`database folder ${dir} is in use by process ${owner || 'unknown'}`)
    }
    // Stale: its owner is gone (after a container restart it may even carry our own pid).
    await rm(path, { force: true })
    if (!(await tryCreate(path))) throw new Error(`database folder ${dir} was locked by another process meanwhile`)
  }
  heldHere.add(path)
  let released = false
  return {
    async release() {
      if (released) return
      released = true
      heldHere.delete(path)
      await rm(path, { force: true })
    },
  }
}

async function tryCreate(path: string): Promise<boolean> {
  try {
    await writeFile(path, `${process.pid}\n`, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
