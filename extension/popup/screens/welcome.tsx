import { useEffect, useState } from 'react'
import { callBackground } from '../background.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import type { Navigate } from '../routes.js'

type Props = { navigate: Navigate /** Adding to an unlocked vault rather than creating it. */; adding: boolean }

/**
 * Onboarding: create a new avatar, import a phrase, a private key or a Mask persona, or restore a
 * backup file. Adding to the vault, the last choice adds a backup file's avatars instead.
 */
export function Welcome({ navigate, adding }: Props) {
  return (
    <Screen
      title={adding ? t('addAvatar') : t('popupTitle')}
      {...(adding ? { onBack: () => navigate({ name: 'main' }) } : {})}
    >
      {!adding && <p className="lead">{t('welcomeLead')}</p>}
      <div className="choices">
        <button type="button" className="choice" onClick={() => navigate({ name: 'create' })}>
          <strong>{t('createAvatar')}</strong>
          <span>{t('createAvatarHint')}</span>
        </button>
        <button type="button" className="choice" onClick={() => navigate({ name: 'import-phrase' })}>
          <strong>{t('importPhrase')}</strong>
          <span>{t('importPhraseHint')}</span>
        </button>
        <button type="button" className="choice" onClick={() => navigate({ name: 'import-key' })}>
          <strong>{t('importKey')}</strong>
          <span>{t('importKeyHint')}</span>
        </button>
        <button type="button" className="choice" onClick={() => navigate({ name: 'import-mask' })}>
          <strong>{t('importMask')}</strong>
          <span>{t('importMaskHint')}</span>
        </button>
        {adding ? (
          <button type="button" className="choice" onClick={() => navigate({ name: 'add-from-backup' })}>
            <strong>{t('addFromBackup')}</strong>
            <span>{t('addFromBackupHint')}</span>
          </button>
        ) : (
          <button type="button" className="choice" onClick={() => navigate({ name: 'restore-backup' })}>
            <strong>{t('restoreBackup')}</strong>
            <span>{t('restoreBackupChoiceHint')}</span>
          </button>
        )}
      </div>
      {!adding && <BackgroundStatus />}
    </Screen>
  )
}

/** A quiet footer that also proves the background answers (e2e/smoke.spec.ts reads it). */
function BackgroundStatus() {
  const [text, setText] = useState<{ state: string; text: string }>({ state: 'loading', text: '…' })
  useEffect(() => {
    callBackground('getStatus').then(
      (status) => setText({ state: 'ready', text: `${t('backgroundReady')} · ${t('version', status.version)}` }),
      (error: unknown) =>
        setText({
          state: 'error',
          text: `${t('backgroundUnreachable')}: ${error instanceof Error ? error.message : ''}`,
        }),
    )
  }, [])
  return (
    <p className="footnote" data-state={text.state} data-testid="background-status">
      {text.text}
    </p>
  )
}
