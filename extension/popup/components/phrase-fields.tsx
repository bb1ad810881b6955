import { t } from '../i18n.js'
import { Field } from './field.js'

type Props = {
  phrase: string
  onPhrase: (value: string) => void
  passphrase: string
  onPassphrase: (value: string) => void
  /** Said between the phrase and its passphrase (e.g. the derivation path). */
  note?: string
}

/** A recovery phrase, and under "Advanced" its optional BIP-39 passphrase. */
export function PhraseFields({ phrase, onPhrase, passphrase, onPassphrase, note }: Props) {
  return (
    <>
      <Field label={t('recoveryPhrase')} value={phrase} onChange={onPhrase} multiline />
      {note && <p className="note">{note}</p>}
      <details className="advanced">
        <summary>{t('advanced')}</summary>
        <Field
          label={t('bip39Passphrase')}
          type="password"
          value={passphrase}
          onChange={onPassphrase}
          autoComplete="off"
          hint={t('bip39PassphraseHint')}
        />
      </details>
    </>
  )
}
