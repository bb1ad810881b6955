/**
 * What POST /v1/proof must know about an avatar's current bindings before it appends a link: how
 * many it has (a create past the cap is refused) and whether it holds the one named (a wallet may
 * revoke only a binding the avatar holds). One index range scan on proof_binding_key's leading
 * `avatar`, bounded by the cap itself.
 */
import type { Queryable } from '../db/database.js'
import { HttpError } from '../http/http-error.js'

/**
 * Far above real use (an avatar binds a handful of accounts; the busiest on Next.ID a few dozen),
 * low enough that listing one avatar's bindings stays one small page of work.
 */
export const MAX_BINDINGS_PER_AVATAR = 256

const SQL = `
  SELECT count(*)::int AS bindings, coalesce(bool_or(platform = $2 AND identity = $3), false) AS holds
  FROM proof WHERE avatar = $1`

export type AvatarBindings = { bindings: number; holds: boolean }

/** How many bindings `avatar` has, and whether one of them is (`platform`, `identity`). */
export async function readAvatarBindings(
  db: Queryable,
  avatar: string,
  platform: string,
  identity: string,
): Promise<AvatarBindings> {
  const [row] = await db.query<AvatarBindings>(SQL, [avatar, platform, identity], { name: 'read_avatar_bindings' })
  return row ?? { bindings: 0, holds: false }
}

// Two index probes in proof_binding_key, in one round trip.
const LOOKUP_SQL = `
  SELECT EXISTS (SELECT 1 FROM proof WHERE avatar = $1 AND platform = $2 AND identity = $3) AS holds,
         EXISTS (SELECT 1 FROM proof WHERE avatar = $1) AS known`

export type BindingLookup = { holds: boolean; known: boolean }

/**
 * Whether `avatar` holds the binding (`platform`, `identity` in its stored form), valid or not,
 * and whether it has any binding at all: one statement whatever the number of its bindings.
 */
export async function lookUpBinding(
  db: Queryable,
  avatar: string,
  platform: string,
  identity: string,
): Promise<BindingLookup> {
  const [row] = await db.query<BindingLookup>(LOOKUP_SQL, [avatar, platform, identity], { name: 'look_up_binding' })
  return row ?? { holds: false, known: false }
}

/** 400 unless a create may add a binding: a binding proven again does not count twice. */
export function requireRoomForBinding({ bindings, holds }: AvatarBindings): void {
  if (!holds && bindings >= MAX_BINDINGS_PER_AVATAR) {
    throw new HttpError(
      400,
      `this avatar already has ${MAX_BINDINGS_PER_AVATAR} bindings, the most one avatar may have`,
    )
  }
}

/** 400 unless the avatar holds the binding a wallet-signed delete revokes. */
export function requireHeldBinding({ holds }: AvatarBindings): void {
  if (!holds) throw new HttpError(400, 'a wallet may only revoke a binding this avatar holds')
}
