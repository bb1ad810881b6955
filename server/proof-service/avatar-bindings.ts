/**
 * What POST /v1/proof must know about an avatar's current bindings before it appends a link: how
 * many it has (a create past the cap is refused) and whether it holds the one named (a wallet may
 * revoke only a binding the avatar holds). One index range scan on proof_binding_key's leading
 * `avatar`, bounded by the cap itself; the submissions in flight are answered by one statement
 * (chain-writes.ts batches them as it batches the chain heads).
 */
import type { Queryable } from '../db/database.js'
import { HttpError } from '../http/http-error.js'

/**
 * Far above real use (an avatar binds a handful of accounts; the busiest on Next.ID a few dozen),
 * low enough that listing one avatar's bindings stays one small page of work.
 */
export const MAX_BINDINGS_PER_AVATAR = 256

const SQL = `
  SELECT b.bindings, b.holds FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(target, n)
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS bindings,
           coalesce(bool_or(p.platform = t.target->>1 AND p.identity = t.target->>2), false) AS holds
    FROM proof p WHERE p.avatar = t.target->>0
  ) b ORDER BY t.n`

export type AvatarBindings = { bindings: number; holds: boolean }

/** One question: the avatar, and the binding (platform, identity) it may hold. */
export type BindingsQuestion = { avatar: string; platform: string; identity: string }

/** For each question, in order: how many bindings the avatar has, and whether it holds the one named. */
export async function readAvatarBindings(
  db: Queryable,
  questions: readonly BindingsQuestion[],
): Promise<AvatarBindings[]> {
  const targets = questions.map(({ avatar, platform, identity }) => [avatar, platform, identity])
  return db.query<AvatarBindings>(SQL, [JSON.stringify(targets)], { name: 'read_avatar_bindings' })
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
