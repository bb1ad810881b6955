import { type FormEvent, useState } from 'react'
import type { WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = { avatarCount: number; onDone: (state: WalletState) => void; onForgot?: () => void }

/** The password unlocks every avatar of the vault; a wrong one changes nothing but the error text. */
export function Unlock({ avatarCount, onDone, onForgot }: Props) {
  const [password, setPassword] = useState('')
  const action = useAction()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    action.run(async () => onDone(await callBackground('unlock', { password })))
  }

  return (
    <Screen title={t('popupTitle')}>
      <form className="stack" onSubmit={submit} noValidate>
        <p className="lead">{avatarCount === 1 ? t('unlockLeadOne') : t('unlockLead', String(avatarCount))}</p>
        <Field
          label={t('password')}
          type="password"
          value={password}
          onChange={(value) => {
            setPassword(value)
            action.clear()
          }}
          autoComplete="current-password"
          autoFocus
        />
        <ErrorText message={action.error} />
        <button type="submit" className="primary" disabled={action.busy || password === ''}>
          {action.busy ? t('working') : t('unlock')}
        </button>
        {onForgot && (
          <button type="button" className="ghost" onClick={onForgot}>
            {t('forgotPassword')}
          </button>
        )}
      </form>
    </Screen>
  )
}
