import { type FormEvent, useId, useState } from 'react'
import { t } from '../i18n.js'
import type { Action } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { Field } from './field.js'

// A backup holds a sealed vault, names, settings and sites: far below this; anything bigger is not ours.
const MAX_BACKUP_BYTES = 5 * 1024 * 1024

// The file itself is wrong (not ours, edited, damaged), as opposed to the password or the extension.
const UNREADABLE_CODES = new Set(['INVALID_INPUT', 'CORRUPT_VAULT', 'CORRUPT_ENVELOPE'])

type Props = {
  submitLabel: string
  /** Runs `onSubmit`; its failure is shown under the fields. */
  action: Action
  onSubmit: (content: string, password: string) => Promise<void>
}

/** A backup file and the password it was made with (restore and add from a backup file). */
export function BackupFileForm({ submitLabel, action, onSubmit }: Props) {
  const fileId = useId()
  const [file, setFile] = useState<File>()
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!file) return setProblem(t('backupFileRequired'))
    if (file.size > MAX_BACKUP_BYTES) return setProblem(t('backupFileTooBig'))
    setProblem(undefined)
    action.run(async () => onSubmit(await file.text(), password))
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={fileId}>{t('backupFile')}</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={(event) => {
            setFile(event.target.files?.[0])
            setProblem(undefined)
          }}
        />
      </div>
      <Field
        label={t('backupPassword')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
      <ErrorText message={problem ?? describeFailure(action.error, action.code)} />
      <button type="submit" className="primary" disabled={action.busy || password === ''}>
        {action.busy ? t('working') : submitLabel}
      </button>
    </form>
  )
}

/** Our sentence for a file that cannot be a backup; other failures as the popup words them. */
function describeFailure(message: string | undefined, code: string | undefined): string | undefined {
  if (message === undefined || code === undefined || !UNREADABLE_CODES.has(code)) return message
  return t('backupUnreadable')
}
