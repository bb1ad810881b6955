import { useState } from 'react'
import type { WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { AvatarDetailsForm } from '../components/avatar-details-form.js'
import { PhraseFields } from '../components/phrase-fields.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = { needsPassword: boolean; onBack: () => void; onDone: (state: WalletState) => void }

/** Import a BIP-39 phrase (optionally with its passphrase); the avatar is the path's first account. */
export function ImportPhrase({ needsPassword, onBack, onDone }: Props) {
  const [phrase, setPhrase] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const action = useAction()

  return (
    <Screen title={t('importPhrase')} onBack={onBack}>
      <AvatarDetailsForm
        needsPassword={needsPassword}
        submitLabel={t('importAction')}
        busy={action.busy}
        error={action.error}
        onSubmit={(details) =>
          action.run(async () => {
            const words = phrase.trim().toLowerCase().split(/\s+/).join(' ')
            const params = { phrase: words, ...details, ...(passphrase === '' ? {} : { passphrase }) }
            onDone(await callBackground('importPhrase', params))
          })
        }
      >
        <PhraseFields
          phrase={phrase}
          onPhrase={setPhrase}
          passphrase={passphrase}
          onPassphrase={setPassphrase}
          note={t('phraseDerivationNote')}
        />
      </AvatarDetailsForm>
    </Screen>
  )
}
