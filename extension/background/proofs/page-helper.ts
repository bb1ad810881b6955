/**
 * The page-helper API (issue 5): what the x.com and gist.github.com content scripts may ask of
 * the flow engine. Every handler is bound to the platform of the sending page as the browser
 * reported it (messaging/sender-check.ts helperPlatformOf), so a script sees and reports only
 * flows of its own site; nothing in a message can name another platform.
 */
import { InvalidInputError } from '../../../src/errors.js'
import { requirePlainObject, requireString } from '../../../src/input.js'
import { isSamePostText } from '../../../src/protocol/index.js'
import type {
  BindingFlow,
  FlowStatus,
  FlowStep,
  Handlers,
  PageHelperApi,
  PostBindingFlow,
  PublishStatus,
  PublishTask,
} from '../../messaging/catalogue.js'
import {
  type ContentScriptFacts,
  type HelperPlatform,
  helperPlatformOf,
  type OwnExtension,
} from '../../messaging/sender-check.js'
import { NotFoundError, WalletError } from '../errors.js'
import { parseProofLocation } from './proof-location.js'

/** The part of the flow engine the helpers drive. */
export type PageHelperFlows = {
  getFlows(): Promise<BindingFlow[]>
  failFlow(flowId: string, status: FlowStatus, expectedStep: FlowStep): Promise<BindingFlow>
  submitBinding(params: { flowId: string; proofLocation: string }): Promise<BindingFlow>
}

const ACCOUNT_PATTERNS: Record<HelperPlatform, RegExp> = {
  // X handles: letters, digits, underscore, at most 15 (platforms.md §1.1); old ones may be shorter than 4.
  twitter: /^[A-Za-z0-9_]{1,15}$/,
  // GitHub logins: alphanumerics and single hyphens, at most 39.
  github: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/,
}
const MAX_PUBLISHED_CHARS = 64 * 1024

/** serveApi's two halves for the helpers: who may call, and the handlers for that caller's platform. */
export function servePageHelpers(flows: PageHelperFlows, own: OwnExtension) {
  return {
    isAllowed: (sender: ContentScriptFacts) => helperPlatformOf(sender, own) !== undefined,
    handlersFor(sender: ContentScriptFacts) {
      const platform = helperPlatformOf(sender, own)
      // serveApi runs isAllowed first; this only catches a wiring mistake.
      if (platform === undefined) throw new WalletError('FORBIDDEN', 'page-helper API is not available to this sender')
      return createPageHelperHandlers(flows, platform)
    },
  }
}

/** The handlers for one sending page's platform. */
export function createPageHelperHandlers(flows: PageHelperFlows, platform: HelperPlatform) {
  /** The flow by id, only if it belongs to this page's platform (others look missing, not forbidden). */
  async function ownFlow(params: unknown): Promise<BindingFlow> {
    const flowId = requireString(requirePlainObject(params, 'params').flowId, 'flowId')
    const flow = (await flows.getFlows()).find((entry) => entry.id === flowId)
    if (!flow || flow.platform !== platform) throw new NotFoundError('binding flow')
    return flow
  }

  return {
    async getPublishTask(): Promise<PublishTask | null> {
      // getFlows is newest first.
      const flow = (await flows.getFlows()).find(
        (entry): entry is PostBindingFlow =>
          entry.kind === 'post' && entry.platform === platform && entry.action === 'create' && entry.step === 'publish',
      )
      if (!flow) return null
      return {
        flowId: flow.id,
        platform,
        identity: flow.identity,
        postText: flow.postText,
        fileName: platform === 'github' ? `${flow.avatarId}.json` : '',
      }
    },

    async reportAccount(params: unknown): Promise<PublishStatus> {
      const flow = await ownFlow(params)
      const account = parseAccount(platform, requirePlainObject(params, 'params').account)
      // Only a flow still waiting to be published is stopped: after posting, the user may browse as anyone.
      if (flow.step !== 'publish' || account.toLowerCase() === flow.identity.toLowerCase()) return statusOf(flow)
      return statusOf(await flows.failFlow(flow.id, { code: 'wrong-account', account }, 'publish'))
    },

    async reportPublished(params: unknown): Promise<PublishStatus> {
      const flow = await ownFlow(params)
      const input = requirePlainObject(params, 'params')
      const proofLocation = parseProofLocation(platform, input.proofLocation)
      const publishedText = requireString(input.publishedText, 'publishedText')
      if (publishedText.length > MAX_PUBLISHED_CHARS) {
        throw new InvalidInputError('publishedText', `longer than ${MAX_PUBLISHED_CHARS} characters`)
      }
      // A second report (toast, then the status page) must not restart the submission.
      if (flow.step !== 'publish') return statusOf(flow)
      if (!isSamePostText(publishedText, flow.postText)) {
        // A gist can be made again at no cost, and the page may be an older gist of the same owner
        // (an earlier attempt): it does not end the flow. A tweet with other text has been posted
        // in the user's name, so the user must delete it before starting again.
        if (platform === 'github') return statusOf(flow)
        return statusOf(await flows.failFlow(flow.id, { code: 'text-mismatch' }, 'publish'))
      }
      return statusOf(await flows.submitBinding({ flowId: flow.id, proofLocation }))
    },
  } satisfies Handlers<PageHelperApi>
}

function parseAccount(platform: HelperPlatform, value: unknown): string {
  const text = requireString(value, 'account').trim()
  const account = platform === 'twitter' && text.startsWith('@') ? text.slice(1) : text
  if (!ACCOUNT_PATTERNS[platform].test(account)) {
    throw new InvalidInputError('account', `is not a ${platform === 'twitter' ? 'X handle' : 'GitHub login'}`)
  }
  return account
}

function statusOf(flow: BindingFlow): PublishStatus {
  return { step: flow.step, status: flow.status }
}
