/**
 * Test fixtures: the §3.7 test key (PUBLIC, test only) and its known signature, and a second
 * well-known key (secret 1, the generator point) for a second avatar.
 */
import { hexToBytes } from '../../../../src/crypto/index.js'

export const TEST_SECRET_KEY = hexToBytes('b5466835b2228927d8dc1194cf8e6f52ba4b4cdb49cc954f31565d0c30fd44c8', 'key')
export const KEY_COMPRESSED = '0x03198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5'
export const KEY_UNCOMPRESSED =
  '0x04198d3ea0e6178a3e8e9d64a2e07518c3f5b79c5e4638e5c27d65685b1cdd36e5db383d50b732d0951f52f1b0c36f62a1d32073371dc803ab79b240bf46fd7f67'
export const OTHER_KEY_COMPRESSED = '0x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'
export const OTHER_KEY_UNCOMPRESSED =
  '0x0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8'

/** §3.7 signature over `Test123!`, v = 0, and its base64. */
export const KAT_SIGNATURE = hexToBytes(
  '0xbc14fed2a5ae2c5c7e793f2a45f4f9aad84c7caa56139ee4a802806c5bb1a9cf4baa0e2df71bf3d0a943fbfb177afc1bd9c17995a6f409928548f3318d3f9b6300',
  'signature',
)
export const KAT_SIGNATURE_BASE64 =
  'vBT+0qWuLFx+eT8qRfT5qthMfKpWE57kqAKAbFuxqc9Lqg4t9xvz0KlD+/sXevwb2cF5lab0CZKFSPMxjT+bYwA='
/** The same signature with v = 27, as a wallet returns it. */
export const KAT_SIGNATURE_V27_BASE64 =
  'vBT+0qWuLFx+eT8qRfT5qthMfKpWE57kqAKAbFuxqc9Lqg4t9xvz0KlD+/sXevwb2cF5lab0CZKFSPMxjT+bYxs='

export const UUID = '5c5a1d7e-3f3b-4c42-9a3e-6a1f2d3c4b5a'
