import { type FormEvent, useState } from 'react'
import type { PhraseDraft } from '../../messaging/catalogue.js'
import { ErrorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { t } from '../i18n.js'

type Props = { draft: PhraseDraft; onPassed: (answers: Record<number, string>) => void }

/** Asks for the words at the draft's quiz positions; the background checks them again at finishCreate. */
export function PhraseQuiz({ draft, onPassed }: Props) {
  const [answers, setAnswers] = useState<Record<number, string>>({})
  const [wrong, setWrong] = useState(false)
  const words = draft.phrase.split(' ')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const normalized = Object.fromEntries(
      draft.quizPositions.map((position) => [position, (answers[position] ?? '').trim().toLowerCase()]),
    )
    const right = draft.quizPositions.every((position) => normalized[position] === words[position - 1])
    setWrong(!right)
    if (right) onPassed(normalized)
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>{t('quizLead')}</p>
      {draft.quizPositions.map((position) => (
        <Field
          key={position}
          label={t('quizWord', String(position))}
          value={answers[position] ?? ''}
          onChange={(value) => setAnswers((previous) => ({ ...previous, [position]: value }))}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
      ))}
      <ErrorText message={wrong ? t('quizWrong') : undefined} />
      <button type="submit" className="primary">
        {t('continue')}
      </button>
    </form>
  )
}
