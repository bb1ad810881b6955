import { useCallback, useEffect, useState } from 'react'
import type { AvatarSummary, ConnectedSite } from '../../messaging/catalogue.js'
import { callBackground, describeError } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { Screen } from '../components/screen.js'
import { shortenId } from '../format/short-id.js'
import { t, uiLanguage } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = { avatars: AvatarSummary[]; onBack: () => void }

/** Every site an avatar is connected to, with when; Disconnect revokes the site's permission. */
export function ConnectedSites({ avatars, onBack }: Props) {
  const [sites, setSites] = useState<ConnectedSite[]>()
  const [loadError, setLoadError] = useState<string>()
  const action = useAction()
  const load = useCallback(() => {
    callBackground('getConnectedSites').then(setSites, (error: unknown) => setLoadError(describeError(error)))
  }, [])
  useEffect(load, [load])
  const disconnect = (origin: string) =>
    action.run(async () => {
      await callBackground('disconnectSite', { origin })
      load()
    })

  return (
    <Screen title={t('connectedSites')} onBack={onBack}>
      <p className="muted">{t('connectedSitesLead')}</p>
      <ErrorText message={loadError ?? action.error} />
      {sites?.length === 0 && <p className="empty">{t('connectedSitesEmpty')}</p>}
      {sites && sites.length > 0 && (
        <ul className="site-list">
          {sites.map((site) => (
            <li key={site.origin} className="card site" data-testid="connected-site">
              <div className="site-text">
                <span className="site-origin">{site.origin}</span>
                <span className="muted">
                  {t('connectedAs', avatarName(avatars, site.avatarId), shortenId(site.avatarId))}
                </span>
                <span className="muted">{t('connectedSince', formatDate(site.grantedAt))}</span>
              </div>
              <button
                type="button"
                className="danger small"
                disabled={action.busy}
                onClick={() => disconnect(site.origin)}
              >
                {t('disconnect')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  )
}

/** The avatar's name, or a placeholder when it was removed meanwhile. */
function avatarName(avatars: AvatarSummary[], id: string): string {
  return avatars.find((avatar) => avatar.id === id)?.name ?? t('removedAvatar')
}

/** A grant time (Unix ms) as a short date and time in the browser's language. */
function formatDate(unixMs: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(unixMs)
}
