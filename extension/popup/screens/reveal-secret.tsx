import { type FormEvent, useState } from 'react'
import { callBackground } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { PhraseGrid } from '../components/phrase-grid.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Secret = { kind: 'phrase' | 'private-key'; secret: string }

/** Shows the phrase or key after the password, with a warning; "Hide" (or leaving) forgets it. */
export function RevealSecret({ avatarId }: { avatarId: string }) {
  const [password, setPassword] = useState('')
  const [secret, setSecret] = useState<Secret>()
  const action = useAction()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    action.run(async () => {
      setSecret(await callBackground('revealSecret', { id: avatarId, password }))
      setPassword('')
    })
  }

  if (secret) {
    return (
      <div className="card stack" data-testid="revealed-secret">
        <h2>{t('revealSecret')}</h2>
        <p className="warning">{t('revealWarning')}</p>
        {secret.kind === 'phrase' ? (
          <PhraseGrid phrase={secret.secret} />
        ) : (
          <code className="secret">{secret.secret}</code>
        )}
        <button type="button" className="primary" onClick={() => setSecret(undefined)}>
          {t('hide')}
        </button>
      </div>
    )
  }
  return (
    <form className="card stack" onSubmit={submit} noValidate>
      <h2>{t('revealSecret')}</h2>
      <Field
        label={t('revealPassword')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
      <ErrorText message={action.error} />
      <button type="submit" disabled={action.busy || password === ''}>
        {t('reveal')}
      </button>
    </form>
  )
}
