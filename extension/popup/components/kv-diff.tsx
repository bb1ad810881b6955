import type { KvChange } from '../../messaging/catalogue.js'
import { type MessageKey, t } from '../i18n.js'

const KIND_LABELS: Record<KvChange['kind'], MessageKey> = {
  added: 'kvAdded',
  changed: 'kvChanged',
  deleted: 'kvDeleted',
}

/** What a merge patch changes, key by key: added (green), changed before → after (amber), deleted (red). */
export function KvDiff({ changes }: { changes: KvChange[] }) {
  if (changes.length === 0) return <p className="muted">{t('kvNoChanges')}</p>
  return (
    <ul className="diff" data-testid="kv-diff">
      {changes.map((change) => (
        <li key={JSON.stringify(change.path)} className={`diff-${change.kind}`} data-kind={change.kind}>
          <span className="diff-kind">{t(KIND_LABELS[change.kind])}</span>
          <code className="diff-path">{change.path.length > 0 ? change.path.join('.') : t('kvWholeContent')}</code>
          <span className="diff-values">
            {change.kind !== 'added' && <code className="before">{showValue(change.before)}</code>}
            {change.kind === 'changed' && ' → '}
            {change.kind !== 'deleted' && <code className="after">{showValue(change.after)}</code>}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** A value as compact JSON, cut at 120 characters so one long value cannot flood the preview. */
function showValue(value: unknown): string {
  const text = value === undefined ? '—' : JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}
