import { type InputHTMLAttributes, type ReactNode, useId } from 'react'

type FieldProps = {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: ReactNode
  multiline?: boolean
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>

/** A labelled input (or textarea) with an optional hint under it. */
export function Field({ label, value, onChange, hint, multiline, ...input }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
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
