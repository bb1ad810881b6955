/** The popup API's approval-side methods (catalogue.ts): the approval window and connected sites. */
import { InvalidInputError } from '../../../src/errors.js'
import { describeValue, requireNonEmptyString, requirePlainObject } from '../../../src/input.js'
import type { Handlers, PopupApi } from '../../messaging/catalogue.js'
import { NotFoundError } from '../errors.js'
import type { VaultSession } from '../vault/vault-session.js'
import type { ApprovalQueue } from './approval-queue.js'
import { disconnectEvent, type EmitEvent } from './dapp-service.js'
import type { SitePermissions } from './site-permissions.js'

type ApprovalMethods =
  | 'getPendingApprovals'
  | 'resolveApproval'
  | 'rejectAllFromOrigin'
  | 'getConnectedSites'
  | 'disconnectSite'

export type ApprovalHandlerDeps = {
  session: VaultSession
  approvals: ApprovalQueue
  permissions: SitePermissions
  emit: EmitEvent
}

/** Builds the five handlers; popup-handlers.ts spreads them into the popup API. */
export function createApprovalHandlers(deps: ApprovalHandlerDeps): Pick<Handlers<PopupApi>, ApprovalMethods> {
  const { approvals, permissions } = deps
  return {
    async getPendingApprovals() {
      await deps.session.enforceDeadline()
      return approvals.list()
    },
    async resolveApproval(params) {
      const input = requirePlainObject(params, 'params')
      const id = requireShort(input.id, 'id')
      if (typeof input.approve !== 'boolean') {
        throw new InvalidInputError('approve', `expected boolean, got ${describeValue(input.approve)}`)
      }
      let avatarId: string | undefined
      if (input.avatarId !== undefined && input.approve) {
        avatarId = requireShort(input.avatarId, 'avatarId', 70).toLowerCase()
        const state = await deps.session.state()
        if (state.status !== 'unlocked' || !state.avatars.some((avatar) => avatar.id === avatarId)) {
          throw new NotFoundError(`avatar ${avatarId}`)
        }
        if ((await approvals.find(id))?.kind !== 'connect') {
          throw new InvalidInputError('avatarId', 'can only be chosen when connecting')
        }
      }
      await approvals.resolve(id, input.approve, avatarId)
      return undefined
    },
    async rejectAllFromOrigin(params) {
      approvals.rejectOrigin(requireShort(requirePlainObject(params, 'params').origin, 'origin', 300))
      return undefined
    },
    getConnectedSites: () => permissions.list(),
    async disconnectSite(params) {
      const origin = requireShort(requirePlainObject(params, 'params').origin, 'origin', 300)
      if (!(await permissions.revoke(origin))) throw new NotFoundError(`connected site ${origin}`)
      deps.emit(origin, 'disconnect', disconnectEvent('the user disconnected this site'))
      return undefined
    },
  }
}

function requireShort(value: unknown, field: string, max = 64): string {
  const text = requireNonEmptyString(value, field)
  if (text.length > max) throw new InvalidInputError(field, `is longer than ${max} characters`)
  return text
}
