import { type FormEvent, useId, useState } from 'react'
import { encodeBase64 } from '../../../src/crypto/index.js'
// The one file, not the module's index: the popup bundle must not carry the decoders.
import { looksLikePhrase } from '../../../src/mask-import/looks-like-phrase.js'
import type { MaskInput } from '../../messaging/catalogue.js'
import { t } from '../i18n.js'
import { ErrorText } from './error-text.js'
import { Field } from './field.js'
import { useMaskProgress } from './use-mask-progress.js'

/** What the form sends to readMaskInput. */
export type MaskRequest = { input: MaskInput; passphrase?: string; password?: string; account?: string }

type Props = {
  /** Set once the background said the file is an encrypted backup: its PBKDF2 iteration count. */
  backupIterations: number | undefined
  busy: boolean
  error: string | undefined
  onRead: (request: MaskRequest) => void
  onInputChanged: () => void
}

// Mask's files are kilobytes, its QR images well under a megabyte (the background refuses > 5 MB too).
const MAX_FILE_BYTES = 5 * 1024 * 1024
const SLOW_ITERATIONS = 1_000_000

/** Paste or choose what Mask gave; a phrase gets a passphrase field, an encrypted backup its password and account. */
export function MaskInputForm({ backupIterations, busy, error, onRead, onInputChanged }: Props) {
  const fileId = useId()
  const [text, setText] = useState('')
  const [file, setFile] = useState<File>()
  const [passphrase, setPassphrase] = useState('')
  const [password, setPassword] = useState('')
  const [account, setAccount] = useState('')
  const [problem, setProblem] = useState<string>()
  const opening = useMaskProgress(busy && backupIterations !== undefined)
  const isPhrase = !file && looksLikePhrase(text)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!file && text.trim() === '') return setProblem(t('maskInputRequired'))
    if (file && file.size > MAX_FILE_BYTES) return setProblem(t('backupFileTooBig'))
    setProblem(undefined)
    const input: MaskInput = file
      ? { fileBase64: encodeBase64(new Uint8Array(await file.arrayBuffer())), mediaType: file.type }
      : { text }
    onRead({
      input,
      ...(isPhrase && passphrase !== '' ? { passphrase } : {}),
      ...(backupIterations !== undefined
        ? { password, ...(account.trim() !== '' ? { account: account.trim() } : {}) }
        : {}),
    })
  }

  const changed = () => {
    setProblem(undefined)
    onInputChanged()
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {!file && (
        <Field
          label={t('maskInputText')}
          multiline
          value={text}
          onChange={(value) => {
            setText(value)
            changed()
          }}
          hint={t('maskInputTextHint')}
        />
      )}
      <div className="field">
        <label htmlFor={fileId}>{t('maskInputFile')}</label>
        <input
          id={fileId}
          type="file"
          accept=".bin,.json,.txt,image/*"
          onChange={(event) => {
            setFile(event.target.files?.[0])
            changed()
          }}
        />
        <p className="hint">{t('maskInputFileHint')}</p>
      </div>
      {isPhrase && (
        <Field
          label={t('maskPassphrase')}
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="off"
          hint={t('maskPassphraseHint')}
        />
      )}
      {backupIterations !== undefined && (
        <div className="stack" data-testid="mask-backup-password">
          <p className="note">{t('maskNeedsPassword')}</p>
          {backupIterations >= SLOW_ITERATIONS && <p className="note">{t('maskSlowBackup')}</p>}
          <Field
            label={t('maskBackupPassword')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="off"
          />
          <Field
            label={t('maskBackupAccount')}
            value={account}
            onChange={setAccount}
            autoComplete="off"
            hint={t('maskBackupAccountHint')}
          />
        </div>
      )}
      {opening.progress && (
        <div className="stack" data-testid="mask-progress">
          <progress max={1} value={opening.share} />
          <p className="muted">
            {t(
              'maskOpening',
              String(opening.progress.attempt),
              String(opening.progress.attempts),
              String(Math.max(1, Math.round(opening.progress.estimatedMs / 1000))),
            )}
          </p>
        </div>
      )}
      <ErrorText message={problem ?? error} />
      <button type="submit" className="primary" disabled={busy || (backupIterations !== undefined && password === '')}>
        {busy ? t('working') : backupIterations !== undefined ? t('maskOpen') : t('maskRead')}
      </button>
    </form>
  )
}
