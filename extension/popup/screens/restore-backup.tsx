import { type FormEvent, useId, useState } from 'react'
import type { WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

// A backup holds a sealed vault and names: far below this; anything bigger is not ours.
const MAX_BACKUP_BYTES = 5 * 1024 * 1024

// The file itself is wrong (not ours, edited, damaged), as opposed to the password or the extension.
const UNREADABLE_CODES = new Set(['INVALID_INPUT', 'CORRUPT_VAULT', 'CORRUPT_ENVELOPE'])

type Props = {
  /** The user forgot the vault's password: the backup takes the place of the vault there is. */
  replaceExisting?: boolean
  onBack: () => void
  onDone: (state: WalletState) => void
}

/**
 * "Restore from backup": the file and its password; bindings reload on home. On an empty extension,
 * or from "Forgot password?" in place of the vault there is.
 */
export function RestoreBackup({ replaceExisting = false, onBack, onDone }: Props) {
  const fileId = useId()
  const [file, setFile] = useState<File>()
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<string>()
  const action = useAction()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!file) return setProblem(t('backupFileRequired'))
    if (file.size > MAX_BACKUP_BYTES) return setProblem(t('backupFileTooBig'))
    setProblem(undefined)
    const replacing = replaceExisting ? { replaceExisting: true as const } : {}
    action.run(async () =>
      onDone(await callBackground('importBackup', { content: await file.text(), password, ...replacing })),
    )
  }

  return (
    <Screen title={t('restoreBackup')} onBack={onBack}>
      <p className="note">{t('restoreBackupHint')}</p>
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
          {action.busy ? t('working') : t(replaceExisting ? 'forgotReplaceAndRestore' : 'restore')}
        </button>
      </form>
    </Screen>
  )
}

/** Our sentence for a file that cannot be a backup; other failures as the popup words them. */
function describeFailure(message: string | undefined, code: string | undefined): string | undefined {
  if (message === undefined || code === undefined || !UNREADABLE_CODES.has(code)) return message
  return t('backupUnreadable')
}
