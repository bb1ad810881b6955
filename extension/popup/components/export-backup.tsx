import { type FormEvent, useEffect, useRef, useState } from 'react'
import { callBackground } from '../background.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'
import { Field } from './field.js'

type File = { fileName: string; url: string }

/** "Export encrypted backup": the password again, then the sealed vault as a file download. */
export function ExportBackup() {
  const [password, setPassword] = useState('')
  const [file, setFile] = useState<File>()
  const link = useRef<HTMLAnchorElement>(null)
  const action = useAction()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    action.run(async () => {
      const { fileName, content } = await callBackground('exportBackup', { password })
      setPassword('')
      setFile({ fileName, url: URL.createObjectURL(new Blob([content], { type: 'application/json' })) })
    })
  }
  // Start the download once the link exists; the link stays for a second try.
  useEffect(() => {
    if (!file) return
    link.current?.click()
    return () => URL.revokeObjectURL(file.url)
  }, [file])

  return (
    <form className="card stack" onSubmit={submit} noValidate>
      <h2>{t('exportBackup')}</h2>
      <p className="note">{t('exportBackupHint')}</p>
      <Field
        label={t('backupPassword')}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
      />
      <ErrorText message={action.error} />
      {file && (
        <p className="success">
          {t('backupReady')}{' '}
          <a ref={link} href={file.url} download={file.fileName} data-testid="backup-link">
            {file.fileName}
          </a>
        </p>
      )}
      <button type="submit" disabled={action.busy || password === ''}>
        {action.busy ? t('working') : t('exportBackup')}
      </button>
    </form>
  )
}
