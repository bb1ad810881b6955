import { useEffect, useState } from 'react'
import type { PhraseDraft, WalletState } from '../../messaging/catalogue.js'
import { callBackground, describeError } from '../background.js'
import { AvatarDetailsForm } from '../components/avatar-details-form.js'
import { ErrorText } from '../components/error-text.js'
import { PhraseGrid } from '../components/phrase-grid.js'
import { Screen } from '../components/screen.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { PhraseQuiz } from './phrase-quiz.js'

type Props = { needsPassword: boolean; onBack: () => void; onDone: (state: WalletState) => void }

type Step =
  | { name: 'loading' }
  | { name: 'failed'; message: string }
  | { name: 'phrase'; draft: PhraseDraft }
  | { name: 'quiz'; draft: PhraseDraft }
  // The phrase itself is dropped once the quiz passes: only the draft id and the answers remain.
  | { name: 'details'; draftId: string; answers: Record<number, string> }

/** Create: a fresh phrase shown once → "I wrote it down" → quiz on 3 positions → name (+ password). */
export function CreateAvatar({ needsPassword, onBack, onDone }: Props) {
  const [step, setStep] = useState<Step>({ name: 'loading' })
  const finish = useAction()

  useEffect(() => {
    let live = true
    callBackground('beginCreate', { words: 12 }).then(
      (draft) => live && setStep({ name: 'phrase', draft }),
      (error: unknown) => live && setStep({ name: 'failed', message: describeError(error) }),
    )
    return () => {
      live = false
    }
  }, [])

  const back = step.name === 'quiz' ? () => setStep({ name: 'phrase', draft: step.draft }) : onBack
  return (
    <Screen title={t('createAvatar')} onBack={back}>
      {step.name === 'loading' && <p className="muted">{t('working')}</p>}
      {step.name === 'failed' && <ErrorText message={step.message} />}
      {step.name === 'phrase' && (
        <ShowPhrase phrase={step.draft.phrase} onContinue={() => setStep({ name: 'quiz', draft: step.draft })} />
      )}
      {step.name === 'quiz' && (
        <PhraseQuiz
          draft={step.draft}
          onPassed={(answers) => setStep({ name: 'details', draftId: step.draft.draftId, answers })}
        />
      )}
      {step.name === 'details' && (
        <AvatarDetailsForm
          needsPassword={needsPassword}
          submitLabel={t('createAvatar')}
          busy={finish.busy}
          error={finish.error}
          onSubmit={(details) =>
            finish.run(async () =>
              onDone(
                await callBackground('finishCreate', { draftId: step.draftId, answers: step.answers, ...details }),
              ),
            )
          }
        />
      )}
    </Screen>
  )
}

function ShowPhrase({ phrase, onContinue }: { phrase: string; onContinue: () => void }) {
  const [wroteItDown, setWroteItDown] = useState(false)
  return (
    <div className="stack">
      <p className="warning">{t('phraseWarning')}</p>
      <PhraseGrid phrase={phrase} />
      <label className="check">
        <input type="checkbox" checked={wroteItDown} onChange={(event) => setWroteItDown(event.target.checked)} />
        {t('phraseWrittenDown')}
      </label>
      <button type="button" className="primary" disabled={!wroteItDown} onClick={onContinue}>
        {t('continue')}
      </button>
    </div>
  )
}
