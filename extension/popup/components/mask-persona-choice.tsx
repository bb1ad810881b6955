import { type FormEvent, useState } from 'react'
import type { MaskReading } from '../../messaging/catalogue.js'
import { MASK_FORMAT_KEYS } from '../format/mask-text.js'
import { MIN_PASSWORD_LENGTH, ratePassword } from '../format/password-strength.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'
import { ErrorText } from './error-text.js'
import { Field } from './field.js'

type Found = Extract<MaskReading, { kind: 'found' }>

/** What the user picked: each persona's id and the name it gets; the vault password for the first avatar. */
export type MaskChoice = { avatars: { id: string; name: string }[]; password?: string }

type Props = {
  reading: Found
  /** True when there is no vault yet: the password is chosen here. */
  needsPassword: boolean
  busy: boolean
  error: string | undefined
  onImport: (choice: MaskChoice) => void
}

/** Says what was found and offers every persona with a key under its Mask nickname; those already in the vault are named, not offered. */
export function MaskPersonaChoice({ reading, needsPassword, busy, error, onImport }: Props) {
  const offered = reading.personas.filter((persona) => persona.inVaultAs === null)
  const [names, setNames] = useState(() =>
    Object.fromEntries(offered.map((persona, index) => [persona.id, initialName(persona.nickname, index)])),
  )
  const [chosen, setChosen] = useState(() => new Set(offered.map((persona) => persona.id)))
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [problem, setProblem] = useState<string>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const avatars = offered
      .filter((persona) => chosen.has(persona.id))
      .map((persona) => ({ id: persona.id, name: (names[persona.id] ?? '').trim() }))
    if (avatars.length === 0) return setProblem(t('maskChooseOne'))
    if (avatars.some((avatar) => avatar.name === '')) return setProblem(t('nameRequired'))
    if (needsPassword && ratePassword(password) === 'too-short')
      return setProblem(t('passwordTooShort', String(MIN_PASSWORD_LENGTH)))
    if (needsPassword && password !== confirm) return setProblem(t('passwordsDiffer'))
    setProblem(undefined)
    onImport(needsPassword ? { avatars, password } : { avatars })
  }

  return (
    <form className="stack" onSubmit={submit} noValidate data-testid="mask-found">
      <p className="lead">{t('maskFoundIn', t(MASK_FORMAT_KEYS[reading.format]))}</p>
      {reading.openedWith !== null && (
        <p className="note" data-testid="mask-opened-with">
          {reading.openedWith === '' ? t('maskOpenedAlone') : t('maskOpenedWithAccount', reading.openedWith)}
        </p>
      )}
      {reading.skippedContacts > 0 && (
        <p className="note">{t('maskSkippedContacts', String(reading.skippedContacts))}</p>
      )}
      <ul className="stack mask-personas">
        {reading.personas.map((persona) => (
          <li key={persona.id} className="field" data-testid="mask-persona">
            {persona.inVaultAs === null ? (
              <>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(persona.id)}
                    onChange={(event) => {
                      const next = new Set(chosen)
                      if (event.target.checked) next.add(persona.id)
                      else next.delete(persona.id)
                      setChosen(next)
                    }}
                  />
                  <code title={persona.id}>{shortenId(persona.id)}</code>
                </label>
                <Field
                  label={t('avatarName')}
                  value={names[persona.id] ?? ''}
                  onChange={(value) => setNames({ ...names, [persona.id]: value })}
                  maxLength={64}
                  autoComplete="off"
                  disabled={!chosen.has(persona.id)}
                />
              </>
            ) : (
              <p className="note">
                <code title={persona.id}>{shortenId(persona.id)}</code> {t('maskInVaultAs', persona.inVaultAs)}
              </p>
            )}
            {persona.phraseHadPassphrase && <p className="hint">{t('maskPhraseHadPassphrase')}</p>}
          </li>
        ))}
      </ul>
      {needsPassword && (
        <>
          <p className="note">{t('maskVaultPassword')}</p>
          <Field
            label={t('password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
          />
          <Field
            label={t('confirmPassword')}
            type="password"
            value={confirm}
            onChange={setConfirm}
            autoComplete="new-password"
          />
        </>
      )}
      <ErrorText message={problem ?? error} />
      {offered.length > 0 && (
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('working') : t('importAction')}
        </button>
      )}
    </form>
  )
}

/** The Mask nickname, cut to the vault's 64 characters; a numbered stand-in for formats without one. */
function initialName(nickname: string | null, index: number): string {
  return (nickname ?? t('maskPersonaUnnamed', String(index + 1))).slice(0, 64)
}
