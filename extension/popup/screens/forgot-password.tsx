/**
 * "Forgot password?" from the unlock screen. The password cannot be recovered (it seals the vault);
 * what can be done is to start again from a recovery phrase or a backup file, in place of the vault
 * there is. This screen says plainly what that replaces, then restores from the phrase (here) or the
 * backup (restore-backup.tsx with `replaceExisting`, a route of its own: from the toolbar popup it
 * opens in a tab). Bindings live on the ProofService: the same avatar shows the same bindings once
 * it is back.
 */
import { useState } from 'react'
import type { AvatarSummary, WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { AvatarDetailsForm } from '../components/avatar-details-form.js'
import { PhraseFields } from '../components/phrase-fields.js'
import { Screen } from '../components/screen.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = { avatars: AvatarSummary[]; onBack: () => void; onDone: (state: WalletState) => void }

export function ForgotPassword({ onBackup, ...props }: Props & { onBackup: () => void }) {
  const { avatars, onBack } = props
  const [withPhrase, setWithPhrase] = useState(false)
  if (withPhrase) return <RestoreFromPhrase {...props} onBack={() => setWithPhrase(false)} />
  return (
    <Screen title={t('forgotTitle')} onBack={onBack}>
      <div className="stack">
        <p className="lead">{t('forgotLead')}</p>
        <Replaced avatars={avatars} />
        <button type="button" className="choice" onClick={() => setWithPhrase(true)}>
          <strong>{t('forgotWithPhrase')}</strong>
          <span>{t('forgotWithPhraseHint')}</span>
        </button>
        <button type="button" className="choice" onClick={onBackup}>
          <strong>{t('forgotWithBackup')}</strong>
          <span>{t('forgotWithBackupHint')}</span>
        </button>
        <p className="note">{t('forgotBindingsStay')}</p>
      </div>
    </Screen>
  )
}

/** What restoring replaces: every avatar in the extension now, by name. */
function Replaced({ avatars }: { avatars: AvatarSummary[] }) {
  return (
    <div className="warning" data-testid="forgot-replaces">
      <p>{avatars.length === 1 ? t('forgotReplacesOne') : t('forgotReplaces', String(avatars.length))}</p>
      <ul className="plain-list">
        {avatars.map((avatar) => (
          <li key={avatar.id}>
            <strong>{avatar.name}</strong> <code>{shortenId(avatar.id)}</code>
          </li>
        ))}
      </ul>
    </div>
  )
}

function RestoreFromPhrase({ avatars, onBack, onDone }: Props) {
  const [phrase, setPhrase] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const action = useAction()
  return (
    <Screen title={t('forgotWithPhrase')} onBack={onBack}>
      <AvatarDetailsForm
        needsPassword
        submitLabel={t('forgotReplaceAndRestore')}
        busy={action.busy}
        error={action.error}
        onSubmit={({ name, password = '' }) =>
          action.run(async () => {
            const words = phrase.trim().toLowerCase().split(/\s+/).join(' ')
            const extra = passphrase === '' ? {} : { passphrase }
            const params = { phrase: words, name, password, replaceExisting: true as const, ...extra }
            onDone(await callBackground('replaceVaultWithPhrase', params))
          })
        }
      >
        <Replaced avatars={avatars} />
        <PhraseFields phrase={phrase} onPhrase={setPhrase} passphrase={passphrase} onPassphrase={setPassphrase} />
        <p className="note">{t('forgotNewPassword')}</p>
      </AvatarDetailsForm>
    </Screen>
  )
}
