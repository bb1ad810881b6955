/**
 * A visual fingerprint of an avatar id (the way wallets draw an identicon): a 5×5 pattern, mirrored
 * left to right, and a hue, both read from the id's own bytes — so two avatars look different at a
 * glance, and the same avatar looks the same everywhere. A recognition aid only: the id is what is
 * checked.
 */
export type Fingerprint = { hue: number; cells: boolean[][] }

export function fingerprintOf(avatarId: string): Fingerprint {
  // The 32 bytes of the key's x coordinate (after 0x and the 02/03 parity byte).
  const hex = avatarId.replace(/^0x0[23]/i, '').padEnd(64, '0')
  const bytes = Array.from({ length: 32 }, (_, index) => Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16) || 0)
  const hue = (((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)) % 360
  const bit = (index: number) => (((bytes[2 + (index >> 3)] ?? 0) >> (index & 7)) & 1) === 1
  const cells = Array.from({ length: 5 }, (_, row) => {
    const left = [0, 1, 2].map((column) => bit(row * 3 + column))
    return [left[0], left[1], left[2], left[1], left[0]] as boolean[]
  })
  return { hue, cells }
}
