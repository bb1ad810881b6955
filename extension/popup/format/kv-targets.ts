/** Which KV namespaces (platform + identity) the current avatar may start writing (§9.4). */
export type KvTarget = { platform: string; identity: string }

/** One string per namespace, for keys and set lookups. */
export function kvTargetKey(target: KvTarget): string {
  return `${target.platform}\n${target.identity}`
}

/**
 * `nextid` under the avatar's own id always (no ProofService call); another platform only for one
 * of its bindings — KVService checks the binding exists, not that it is valid. Namespaces that
 * already exist are left out: they are edited from the list.
 */
export function newKvTargets(
  avatarId: string,
  bindings: readonly KvTarget[],
  existing: readonly KvTarget[],
): KvTarget[] {
  const taken = new Set(existing.map(kvTargetKey))
  const seen = new Set<string>()
  const candidates = [{ platform: 'nextid', identity: avatarId }, ...bindings]
  return candidates
    .map(({ platform, identity }) => ({ platform, identity }))
    .filter((target) => {
      const key = kvTargetKey(target)
      if (taken.has(key) || seen.has(key)) return false
      seen.add(key)
      return true
    })
}
