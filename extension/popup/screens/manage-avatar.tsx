import { type FormEvent, useState } from 'react'
import type { AvatarSummary, WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { Screen } from '../components/screen.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { RevealSecret } from './reveal-secret.js'

type Props = {
  avatar: AvatarSummary
  onBack: () => void
  /** A new state that keeps this screen (rename). */
  onUpdate: (state: WalletState) => void
  /** A new state that leaves it (remove). */
  onState: (state: WalletState) => void
}

/** Rename, reveal the secret of, or remove the current avatar. */
export function ManageAvatar({ avatar, onBack, onUpdate, onState }: Props) {
  return (
    <Screen title={avatar.name} onBack={onBack}>
      <p className="muted">
        <code title={avatar.id}>{shortenId(avatar.id)}</code>
      </p>
      <RenameForm avatar={avatar} onUpdate={onUpdate} />
      <RevealSecret avatarId={avatar.id} />
      <RemoveForm avatar={avatar} onState={onState} />
    </Screen>
  )
}

function RenameForm({ avatar, onUpdate }: { avatar: AvatarSummary; onUpdate: (state: WalletState) => void }) {
  const [name, setName] = useState(avatar.name)
  const [saved, setSaved] = useState(false)
  const action = useAction()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    action.run(async () => {
      onUpdate(await callBackground('renameAvatar', { id: avatar.id, name: name.trim() }))
      setSaved(true)
    })
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate>
      <h2>{t('rename')}</h2>
      <Field
        label={t('avatarName')}
        value={name}
        maxLength={64}
        onChange={(value) => {
          setName(value)
          setSaved(false)
        }}
      />
      <ErrorText message={action.error} />
      {saved && <p className="success">{t('saved')}</p>}
      <button type="submit" disabled={action.busy || name.trim() === '' || name.trim() === avatar.name}>
        {t('rename')}
      </button>
    </form>
  )
}

function RemoveForm({ avatar, onState }: { avatar: AvatarSummary; onState: (state: WalletState) => void }) {
  const [password, setPassword] = useState('')
  const action = useAction()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    action.run(async () => onState(await callBackground('removeAvatar', { id: avatar.id, password })))
  }
  return (
    <form className="card stack danger-zone" onSubmit={submit} noValidate>
      <h2>{t('removeAvatar')}</h2>
      <p className="note">{t('removeAvatarWarning')}</p>
      <Field
        label={t('removePassword')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
      <ErrorText message={action.error} />
      <button type="submit" className="danger" disabled={action.busy || password === ''}>
        {t('removeAvatar')}
      </button>
    </form>
  )
}
