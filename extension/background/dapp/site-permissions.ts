/**
 * Which avatar each web origin may see, and since when (the extension's IndexedDB, out of content
 * scripts' reach: it outlives a lock, as a wallet's connected sites do). Read back defensively: a damaged entry is dropped, never trusted.
 */
import type { ConnectedSite } from '../../messaging/catalogue.js'
import { createSerialQueue } from '../storage/serial-queue.js'
import type { RecordStore } from '../storage/storage-ports.js'

export const PERMISSIONS_KEY = 'dapp-permissions'

export type SitePermissions = ReturnType<typeof createSitePermissions>

/** The permission store over a RecordStore; every change runs one at a time. */
export function createSitePermissions(store: RecordStore) {
  const serial = createSerialQueue()

  const read = async (): Promise<Map<string, ConnectedSite>> => {
    const value = await store.get(PERMISSIONS_KEY)
    const sites = new Map<string, ConnectedSite>()
    if (!Array.isArray(value)) return sites
    for (const entry of value as unknown[]) {
      if (isSite(entry))
        sites.set(entry.origin, { origin: entry.origin, avatarId: entry.avatarId, grantedAt: entry.grantedAt })
    }
    return sites
  }
  const write = (sites: Map<string, ConnectedSite>) => store.set(PERMISSIONS_KEY, [...sites.values()])

  return {
    /** The site's permission, or undefined when it is not connected. */
    get: async (origin: string) => (await read()).get(origin),
    /** Every connected site, oldest grant first. */
    list: async () => [...(await read()).values()].sort((a, b) => a.grantedAt - b.grantedAt),
    /** Connects `origin` to `avatarId` (replacing an earlier grant). */
    grant: (site: ConnectedSite) =>
      serial(async () => {
        const sites = await read()
        sites.set(site.origin, site)
        await write(sites)
      }),
    /** Removes the origin's permission; true when there was one. */
    revoke: (origin: string) =>
      serial(async () => {
        const sites = await read()
        const had = sites.delete(origin)
        if (had) await write(sites)
        return had
      }),
    /** Removes every permission of an avatar (it left the vault); returns the origins affected. */
    revokeAvatar: (avatarId: string) =>
      serial(async () => {
        const sites = await read()
        const origins = [...sites.values()].filter((site) => site.avatarId === avatarId).map((site) => site.origin)
        for (const origin of origins) sites.delete(origin)
        if (origins.length > 0) await write(sites)
        return origins
      }),
  }
}

function isSite(value: unknown): value is ConnectedSite {
  if (typeof value !== 'object' || value === null) return false
  const site = value as Record<string, unknown>
  return (
    typeof site.origin === 'string' &&
    typeof site.avatarId === 'string' &&
    typeof site.grantedAt === 'number' &&
    Number.isFinite(site.grantedAt)
  )
}
