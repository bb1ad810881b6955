/**
 * The popup's words for a flow (issue 11): its status and where to publish, from codes and the
 * platform registry, in the browser's language. Nothing here is read from the background's text.
 */
import { isPlatform, PLATFORM_SPECS, type ProofMedium } from '../../../src/platforms/index.js'
import type { BindingFlow } from '../../messaging/catalogue.js'
import { flowStatusText, type MessageKey } from '../../messaging/flow-status-text.js'
import { t, uiLanguage } from '../i18n.js'

/** The flow's status in words, or '' when it has none. */
export function statusText(flow: Pick<BindingFlow, 'step' | 'platform' | 'identity' | 'status'>): string {
  return flowStatusText(flow, t, uiLanguage())
}

const HINTS: Record<ProofMedium, MessageKey> = {
  tweet: 'publishHintTweet',
  gist: 'publishHintGist',
  'keybase-file': 'publishHintKeybaseFile',
  'txt-record': 'publishHintTxtRecord',
  message: 'publishHintMessage',
  'custom-record': 'publishHintCustomRecord',
  post: 'publishHintPost',
  'profile-summary': 'publishHintProfileSummary',
}

/** Where and how to publish the flow's text. */
export function publishHintText(flow: Pick<BindingFlow, 'platform' | 'identity' | 'avatarId'>): string {
  if (!isPlatform(flow.platform)) return ''
  const post = PLATFORM_SPECS[flow.platform].post
  if (post === null) return ''
  return t(HINTS[post.medium], flow.identity, `${flow.avatarId}.json`)
}

/** A time of day (or date and time, when not today) in the user's language. */
export function formatTime(unixMs: number, nowMs: number): string {
  const sameDay = new Date(unixMs).toDateString() === new Date(nowMs).toDateString()
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
    : { dateStyle: 'medium', timeStyle: 'short' }
  return new Intl.DateTimeFormat(uiLanguage(), options).format(unixMs)
}
