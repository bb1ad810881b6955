/** `0x02ab12…cd34`: enough of an avatar id to tell avatars apart at a glance. */
export function shortenId(id: string): string {
  if (id.length <= 14) return id
  return `${id.slice(0, 8)}…${id.slice(-4)}`
}
