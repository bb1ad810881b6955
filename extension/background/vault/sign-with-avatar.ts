/** Signs an exact payload string with one avatar of the opened vault (personal_sign, §1.1). */
import { signPersonalMessage } from '../../../src/crypto/index.js'
import { NotFoundError } from '../errors.js'
import { avatarPrivateKey } from './avatar-secrets.js'
import type { OpenedVault } from './vault-session.js'

/** The 65-byte r||s||v signature over `payload` by `avatar`; its key is zeroed straight after. */
export async function signWithAvatar(vault: OpenedVault, avatar: string, payload: string): Promise<Uint8Array> {
  const secret = vault.document.avatars.find((entry) => entry.id === avatar)
  if (!secret) throw new NotFoundError(`avatar ${avatar}`)
  const key = await avatarPrivateKey(secret)
  try {
    return signPersonalMessage(payload, key)
  } finally {
    key.fill(0)
  }
}
