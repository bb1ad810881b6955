import { useState } from 'react'
import type { MaskImportOutcome, MaskReading, WalletState } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { MaskInputForm, type MaskRequest } from '../components/mask-input-form.js'
import { MaskOutcomes } from '../components/mask-outcomes.js'
import { type MaskChoice, MaskPersonaChoice } from '../components/mask-persona-choice.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'

type Props = { needsPassword: boolean; onBack: () => void; onDone: (state: WalletState) => void }

type Step =
  | { name: 'input'; backupIterations?: number }
  | { name: 'choose'; reading: Extract<MaskReading, { kind: 'found' }> }
  | { name: 'done'; state: WalletState; outcomes: MaskImportOutcome[] }

/**
 * "Import from Mask Network" (issue 16): the background reads what the user gives (keys stay
 * there), this screen says what it found, lets the user pick and name personas, then shows the
 * outcomes with each avatar's bindings found again.
 */
export function ImportMask({ needsPassword, onBack, onDone }: Props) {
  const [step, setStep] = useState<Step>({ name: 'input' })
  const action = useAction()

  const read = (request: MaskRequest) =>
    action.run(async () => {
      const reading = await callBackground('readMaskInput', request)
      setStep(
        reading.kind === 'needs-password'
          ? { name: 'input', backupIterations: reading.iterations }
          : { name: 'choose', reading },
      )
    })

  const importChosen = (readingId: string, choice: MaskChoice) =>
    action.run(async () => {
      const { state, outcomes } = await callBackground('importMaskPersonas', { readingId, ...choice })
      setStep({ name: 'done', state, outcomes })
    })

  const back = step.name === 'choose' ? () => setStep({ name: 'input' }) : step.name === 'done' ? undefined : onBack
  return (
    <Screen title={t('importMask')} {...(back ? { onBack: back } : {})}>
      {step.name === 'input' && (
        <MaskInputForm
          backupIterations={step.backupIterations}
          busy={action.busy}
          error={action.error}
          onRead={read}
          onInputChanged={() => {
            action.clear()
            if (step.backupIterations !== undefined) setStep({ name: 'input' })
          }}
        />
      )}
      {step.name === 'choose' && (
        <MaskPersonaChoice
          reading={step.reading}
          needsPassword={needsPassword}
          busy={action.busy}
          error={action.error}
          onImport={(choice) => importChosen(step.reading.readingId, choice)}
        />
      )}
      {step.name === 'done' && <MaskOutcomes outcomes={step.outcomes} onDone={() => onDone(step.state)} />}
    </Screen>
  )
}
