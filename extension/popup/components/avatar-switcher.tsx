import { useId, useState } from 'react'
import type { AvatarSummary } from '../../messaging/catalogue.js'
import { shortenId } from '../format/short-id.js'
import { t } from '../i18n.js'

type Props = { avatars: AvatarSummary[]; currentId: string; busy: boolean; onSelect: (id: string) => void }

/** Picks the current avatar; shows its shortened id with a copy button. */
export function AvatarSwitcher({ avatars, currentId, busy, onSelect }: Props) {
  const id = useId()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard.writeText(currentId)
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }

  return (
    <div className="switcher">
      <label htmlFor={id} className="sr-only">
        {t('currentAvatar')}
      </label>
      <select id={id} value={currentId} disabled={busy} onChange={(event) => onSelect(event.target.value)}>
        {avatars.map((avatar) => (
          <option key={avatar.id} value={avatar.id}>
            {avatar.name}
          </option>
        ))}
      </select>
      <div className="avatar-id">
        <code title={currentId} data-testid="avatar-id">
          {shortenId(currentId)}
        </code>
        <button type="button" className="ghost small" onClick={copy}>
          {copied ? t('copied') : t('copyId')}
        </button>
      </div>
    </div>
  )
}
