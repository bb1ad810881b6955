import { useState } from 'react'
import type { WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { AvatarDetailsForm } from '../components/avatar-details-form.js'
import { Field } from '../components/field.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = { needsPassword: boolean; onBack: () => void; onDone: (state: WalletState) => void }

/** Import a raw secp256k1 private key (hex, masked while typed). */
export function ImportKey({ needsPassword, onBack, onDone }: Props) {
  const [privateKey, setPrivateKey] = useState('')
  const action = useAction()

  return (
    <Screen title={t('importKey')} onBack={onBack}>
      <AvatarDetailsForm
        needsPassword={needsPassword}
        submitLabel={t('importAction')}
        busy={action.busy}
        error={action.error}
        onSubmit={(details) =>
          action.run(async () => {
            onDone(await callBackground('importPrivateKey', { privateKey: privateKey.trim(), ...details }))
          })
        }
      >
        <Field
          label={t('privateKey')}
          type="password"
          value={privateKey}
          onChange={setPrivateKey}
          autoComplete="off"
          spellCheck={false}
          hint={t('privateKeyHint')}
        />
      </AvatarDetailsForm>
    </Screen>
  )
}
