/**
 * Which avatar each web origin may see, and since when (the extension's IndexedDB, out of content
 * scripts' reach: it outlives a lock, as a wallet's connected sites do). Read back defensively: a damaged entry is dropped, never trusted.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requireInteger, requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import type { ConnectedSite } from '../../messaging/catalogue.js'
import { originOf } from '../../messaging/sender-check.js'
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
    for (const [index, entry] of (value as unknown[]).entries()) {
      try {
        const site = parseConnectedSite(entry, `sites[${index}]`)
        sites.set(site.origin, site)
      } catch {}
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
    /**
     * Runs `use` while no other change to the permissions can run: a backup merge reads them and
     * writes them back together with the vault record, in one transaction (permissionsEntry).
     */
    whileHeld: <T>(use: () => Promise<T>) => serial(use),
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

/** The records the permissions are stored as, for a write together with others (RecordStore.setMany). */
export const permissionsEntry = (sites: ConnectedSite[]) => ({ [PERMISSIONS_KEY]: sites })

/** Checks one permission (stored, or from a backup file): an http(s) origin as browsers write it. */
export function parseConnectedSite(value: unknown, field: string): ConnectedSite {
  const entry = requirePlainObject(value, field)
  const origin = requireNonEmptyString(entry.origin, `${field}.origin`)
  if (originOf(origin) !== origin || !/^https?:\/\//.test(origin)) {
    throw new InvalidInputError(`${field}.origin`, 'is not an http or https origin')
  }
  return {
    origin,
    avatarId: requireNonEmptyString(entry.avatarId, `${field}.avatarId`),
    grantedAt: requireInteger(entry.grantedAt, `${field}.grantedAt`, 0, Number.MAX_SAFE_INTEGER),
  }
}
