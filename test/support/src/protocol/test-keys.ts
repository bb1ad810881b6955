/**
 * Shared test values. The key is the PUBLICLY KNOWN test key of nextid-protocol.md §3.7 (from the
 * kv_server doc-tests): test use only, never for a real avatar or wallet.
 */
import { buildPostContent } from '../../../../src/protocol/post-content.js'

export const TEST_PRIVATE_KEY_HEX = 'b5466835b2228927d8dc1194cf8e6f52ba4b4cdb49cc954f31565d0c30fd44c8'
export const TEST_AVATAR = '0x03198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5'
export const TEST_AVATAR_UNCOMPRESSED =
  '0x04198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5db383d50b732d0951f52f1b0c36f62a1d32073371dc803ab79b240bf46fd7f67'
export const TEST_ADDRESS = '0x115d0e8886e48b7eed48ecc40dfe8d327c4604c3'
/** §3.7's signature (v = 27) in base64: a real 65-byte signature with `+` and `/` in it. */
export const TEST_PREV = 'vBT+0qWuLFx+eT8qRfT5qthMfKpWE57kqAKAbFuxqc9Lqg4t9xvz0KlD+/sXevwb2cF5lab0CZKFSPMxjT+bYxs='
export const TEST_UUID = '6f3c9a4e-1b2d-4c5e-8f70-9a1b2c3d4e5f'

/** The §6.2 Twitter post content of a create by the test avatar, its signature not filled in yet. */
export function testTwitterPostContent(identity: string, prev: string | null) {
  return buildPostContent({
    action: 'create',
    platform: 'twitter',
    identity,
    avatar: TEST_AVATAR_UNCOMPRESSED,
    uuid: TEST_UUID,
    createdAt: '1705413052',
    prev,
  })
}
