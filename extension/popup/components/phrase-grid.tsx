import { t } from '../i18n.js'

/** The recovery phrase as a numbered grid, each word with its 1-based position. */
export function PhraseGrid({ phrase }: { phrase: string }) {
  return (
    <ol className="phrase-grid" aria-label={t('recoveryPhrase')} data-testid="phrase-grid">
      {phrase.split(' ').map((word, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a phrase may repeat a word; the position is its identity.
        <li key={index}>
          <span className="position">{index + 1}</span>
          <span className="word">{word}</span>
        </li>
      ))}
    </ol>
  )
}
