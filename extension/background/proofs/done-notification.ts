/**
 * The notification when a flow reaches `done` (issue 5: success raises a notification), e.g.
 * "@alice is bound to Alice". Shown by chrome.notifications from the background, so it appears even
 * when the popup is closed.
 */
import { isPlatform, PLATFORM_SPECS } from '../../../src/platforms/index.js'
import type { BindingFlow } from '../../messaging/catalogue.js'
import type { VaultSession } from '../vault/vault-session.js'

/** chrome.i18n.getMessage's shape, injected so the wording is testable. */
export type Translate = (key: string, substitutions: string[]) => string

export type NotificationText = { title: string; message: string }

/** The title and sentence for a finished flow; `avatarName` falls back to the short avatar id. */
export function describeDoneFlow(
  flow: BindingFlow,
  avatarName: string | undefined,
  translate: Translate,
): NotificationText {
  const platform = isPlatform(flow.platform) ? PLATFORM_SPECS[flow.platform].name : flow.platform
  const identity = flow.platform === 'twitter' ? `@${flow.identity}` : flow.identity
  const avatar = avatarName ?? `${flow.avatarId.slice(0, 8)}…${flow.avatarId.slice(-4)}`
  const [title, message] =
    flow.action === 'delete'
      ? ['notificationRevokedTitle', 'notificationRevoked']
      : ['notificationTitle', 'notificationBound']
  return { title: translate(title, [platform]), message: translate(message, [identity, avatar]) }
}

/** Raises the notification for `flow` (one per flow: its id names it). */
export async function showDoneNotification(flow: BindingFlow, session: VaultSession): Promise<void> {
  const state = await session.state()
  const avatars = state.status === 'empty' ? [] : state.avatars
  const name = avatars.find((avatar) => avatar.id === flow.avatarId)?.name
  const text = describeDoneFlow(flow, name, (key, substitutions) => chrome.i18n.getMessage(key, substitutions))
  await chrome.notifications.create(`flow-done-${flow.id}`, {
    type: 'basic',
    iconUrl: chrome.runtime.getURL('icons/icon-128.png'),
    ...text,
  })
}

/**
 * Clicking a done notification opens the popup, where the new binding shows. openPopup works
 * without a user gesture from Chrome 127; on older versions the click only dismisses it.
 */
export function openPopupOnNotificationClick(): void {
  chrome.notifications.onClicked.addListener((notificationId) => {
    if (!notificationId.startsWith('flow-done-')) return
    void chrome.notifications.clear(notificationId)
    void chrome.action.openPopup().catch(() => undefined)
  })
}
