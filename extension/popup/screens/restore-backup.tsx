import type { WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { BackupFileForm } from '../components/backup-file-form.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = {
  /** The user forgot the vault's password: the backup takes the place of the vault there is. */
  replaceExisting?: boolean
  onBack: () => void
  onDone: (state: WalletState) => void
}

/**
 * "Restore from backup": the file and its password; its avatars, settings and connected sites come
 * back, bindings reload on home. On an empty extension, or from "Forgot password?" in place of the
 * vault there is.
 */
export function RestoreBackup({ replaceExisting = false, onBack, onDone }: Props) {
  const action = useAction()
  const replacing = replaceExisting ? { replaceExisting: true as const } : {}
  return (
    <Screen title={t('restoreBackup')} onBack={onBack}>
      <p className="note">{t('restoreBackupHint')}</p>
      <BackupFileForm
        action={action}
        submitLabel={t(replaceExisting ? 'forgotReplaceAndRestore' : 'restore')}
        onSubmit={async (content, password) =>
          onDone(await callBackground('importBackup', { content, password, ...replacing }))
        }
      />
    </Screen>
  )
}
