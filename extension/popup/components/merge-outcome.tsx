import type { BackupMerge } from '../../messaging/catalogue.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'

/** What adding a backup did: the avatars added, those already here (by name), the sites taken. */
export function MergeOutcome({ merge, onDone }: { merge: BackupMerge; onDone: () => void }) {
  return (
    <div className="stack" data-testid="merge-outcome">
      {merge.added.length === 0 ? (
        <p className="lead">{t('mergeNothingAdded')}</p>
      ) : (
        <section data-testid="merge-added">
          <h2>{t('mergeAdded')}</h2>
          <ul className="plain-list">
            {merge.added.map((avatar) => (
              <li key={avatar.id}>
                <strong>{avatar.name}</strong> <code title={avatar.id}>{shortenId(avatar.id)}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
      {merge.alreadyPresent.length > 0 && (
        <section data-testid="merge-already-present">
          <h2>{t('mergeAlreadyPresent')}</h2>
          <ul className="plain-list">
            {merge.alreadyPresent.map((avatar) => (
              <li key={avatar.id}>
                <strong>{avatar.name}</strong> <code title={avatar.id}>{shortenId(avatar.id)}</code>{' '}
                <span className="muted">{t('mergeInVaultAs', avatar.inVaultAs)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {merge.sitesAdded.length > 0 && <p className="note">{t('mergeSitesAdded', merge.sitesAdded.join(', '))}</p>}
      {merge.added.length > 0 && <p className="note">{t('mergeSettingsKept')}</p>}
      <button type="button" className="primary" onClick={onDone}>
        {t('done')}
      </button>
    </div>
  )
}
