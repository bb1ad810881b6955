import { type FormEvent, type ReactNode, useState } from 'react'
import { MIN_PASSWORD_LENGTH, ratePassword } from '../format/password-strength.js'
import { type MessageKey, t } from '../i18n.js'
import { ErrorText } from './error-text.js'
import { Field } from './field.js'

export type AvatarDetails = { name: string; password?: string }

type Props = {
  /** True for the vault's first avatar: the password is chosen here. Later avatars join under it. */
  needsPassword: boolean
  submitLabel: string
  busy: boolean
  error: string | undefined
  onSubmit: (details: AvatarDetails) => void
  /** Fields of the flow itself (phrase, key) shown above the name. */
  children?: ReactNode
}

const STRENGTH_KEYS: Record<ReturnType<typeof ratePassword>, MessageKey> = {
  'too-short': 'passwordTooShort',
  weak: 'passwordWeak',
  fair: 'passwordFair',
  strong: 'passwordStrong',
}

/** Name of the new avatar, and for the first one the vault password (typed twice, ≥ 8 characters). */
export function AvatarDetailsForm({ needsPassword, submitLabel, busy, error, onSubmit, children }: Props) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [problem, setProblem] = useState<string>()
  const strength = ratePassword(password)
  // A problem refers to what was submitted; editing any field clears it.
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value)
    setProblem(undefined)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() === '') return setProblem(t('nameRequired'))
    if (needsPassword && strength === 'too-short') return setProblem(t('passwordTooShort', String(MIN_PASSWORD_LENGTH)))
    if (needsPassword && password !== confirm) return setProblem(t('passwordsDiffer'))
    setProblem(undefined)
    onSubmit(needsPassword ? { name: name.trim(), password } : { name: name.trim() })
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {children}
      <Field label={t('avatarName')} value={name} onChange={edit(setName)} maxLength={64} autoComplete="off" />
      {needsPassword && (
        <>
          <Field
            label={t('password')}
            type="password"
            value={password}
            onChange={edit(setPassword)}
            autoComplete="new-password"
            hint={
              <span className="strength" data-strength={password === '' ? 'empty' : strength}>
                {t(STRENGTH_KEYS[strength], String(MIN_PASSWORD_LENGTH))}
              </span>
            }
          />
          <Field
            label={t('confirmPassword')}
            type="password"
            value={confirm}
            onChange={edit(setConfirm)}
            autoComplete="new-password"
          />
        </>
      )}
      <ErrorText message={problem ?? error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('working') : submitLabel}
      </button>
    </form>
  )
}
