import { type InputHTMLAttributes, type ReactNode, useId, useState } from 'react'
import { t } from '../i18n.js'

type FieldProps = {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: ReactNode
  multiline?: boolean
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>

/**
 * A labelled input (or textarea) with an optional hint under it. A password input has a Show/Hide
 * toggle, so a long password can be checked before it is submitted (as password managers offer).
 */
export function Field({ label, value, onChange, hint, multiline, ...input }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const [shown, setShown] = useState(false)
  const isPassword = input.type === 'password'
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          value={value}
          rows={4}
          spellCheck={false}
          autoCapitalize="off"
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : isPassword ? (
        <div className="password-input">
          <input
            id={id}
            value={value}
            aria-describedby={hint ? hintId : undefined}
            onChange={(event) => onChange(event.target.value)}
            {...input}
            type={shown ? 'text' : 'password'}
          />
          <button
            type="button"
            className="ghost small"
            aria-pressed={shown}
            aria-label={t(shown ? 'hidePasswordLabel' : 'showPasswordLabel', label)}
            onClick={() => setShown((now) => !now)}
          >
            {t(shown ? 'hidePassword' : 'showPassword')}
          </button>
        </div>
      ) : (
        <input
          id={id}
          value={value}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => onChange(event.target.value)}
          {...input}
        />
      )}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  )
}
