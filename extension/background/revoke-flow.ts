/**
 * Revoking a binding in two steps (§7.2): prepare asks ProofService for the delete payload and
 * keeps it; confirm signs exactly that string with the avatar and submits it. Nothing is signed
 * before the user confirms, and only the prepared request can be confirmed.
 */
import { createProofServiceClient, type FetchFunction } from '../../src/client/index.js'
import { InvalidInputError } from '../../src/errors.js'
import { requireNonEmptyString, requirePlainObject } from '../../src/input.js'
import { describeProofPayload, normalizeIdentity, parsePlatform } from '../../src/protocol/index.js'
import type { PreparedSignature } from '../messaging/catalogue.js'
import type { PreparedRequests } from './prepared-requests.js'
import type { SettingsStore } from './settings.js'
import { signWithAvatar } from './sign-with-avatar.js'
import type { VaultSession } from './vault-session.js'

export type SigningFlowDeps = {
  session: VaultSession
  settings: SettingsStore
  requests: PreparedRequests
  fetch: FetchFunction
}

/** prepareRevoke / confirmRevoke over the current avatar. */
export function createRevokeFlow(deps: SigningFlowDeps) {
  const proofService = async () =>
    createProofServiceClient({ baseUrl: (await deps.settings.get()).endpoints.proofServiceUrl, fetch: deps.fetch })

  async function prepareRevoke(params: unknown): Promise<PreparedSignature> {
    const input = requirePlainObject(params, 'params')
    const platform = parsePlatform(input.platform)
    const identity = normalizeIdentity(platform, requireNonEmptyString(input.identity, 'identity'))
    return deps.session.track(async () => {
      const { record } = await deps.session.open()
      const avatar = record.currentAvatarId
      const client = await proofService()
      const payload = await client.createPayload({ action: 'delete', platform, identity, publicKey: avatar })
      const description = describeProofPayload(payload.signPayload, avatar)
      // The service chose the string; sign it only if it says what the user asked for.
      if (description.action !== 'delete' || description.platform !== platform || description.identity !== identity) {
        throw new InvalidInputError('sign_payload', `does not revoke ${platform} ${identity}`)
      }
      const { uuid, createdAt, signPayload } = payload
      const requestId = await deps.requests.add({
        kind: 'revoke',
        avatar,
        platform,
        identity,
        uuid,
        createdAt,
        signPayload,
      })
      return { requestId, description: description.text, signPayload }
    })
  }

  async function confirmRevoke(params: unknown): Promise<undefined> {
    const { requestId } = requirePlainObject(params, 'params')
    return deps.session.track(async () => {
      const vault = await deps.session.open()
      const request = await deps.requests.get(requestId, 'revoke')
      const signature = await signWithAvatar(vault, request.avatar, request.signPayload)
      const client = await proofService()
      // A delete has no proof post: the avatar's signature is the proof, sent as extra.signature (§7.2).
      await client.submitProof({
        action: 'delete',
        platform: parsePlatform(request.platform),
        identity: request.identity,
        publicKey: request.avatar,
        uuid: request.uuid,
        createdAt: request.createdAt,
        signature,
      })
      await deps.requests.remove(requestId)
      return undefined
    })
  }

  return { prepareRevoke, confirmRevoke }
}
