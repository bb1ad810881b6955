import { useState } from 'react'
import type { BackupMerge, WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { BackupFileForm } from '../components/backup-file-form.js'
import { MergeOutcome } from '../components/merge-outcome.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = { onBack: () => void; onDone: (state: WalletState) => void }

/**
 * "Add from a backup file" (Add avatar): the avatars of a backup, opened with its own password,
 * join this vault; those already here are named and not added twice. The vault's settings stay.
 */
export function AddFromBackup({ onBack, onDone }: Props) {
  const [merge, setMerge] = useState<BackupMerge>()
  const action = useAction()
  // Once merged, leaving the screen either way shows the vault as it is now.
  const leave = merge ? () => onDone(merge.state) : onBack
  return (
    <Screen title={t('addFromBackup')} onBack={leave}>
      {merge ? (
        <MergeOutcome merge={merge} onDone={leave} />
      ) : (
        <>
          <p className="note">{t('addFromBackupLead')}</p>
          <BackupFileForm
            action={action}
            submitLabel={t('addFromBackupAction')}
            onSubmit={async (content, password) => setMerge(await callBackground('mergeBackup', { content, password }))}
          />
        </>
      )}
    </Screen>
  )
}
