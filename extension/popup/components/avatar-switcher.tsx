import { useId } from 'react'
import type { AvatarSummary } from '../../messaging/catalogue.js'
import { t } from '../i18n.js'

type Props = { avatars: AvatarSummary[]; currentId: string; busy: boolean; onSelect: (id: string) => void }

/** Picks the current avatar (its id and fingerprint are on the identity card below). */
export function AvatarSwitcher({ avatars, currentId, busy, onSelect }: Props) {
  const id = useId()
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
    </div>
  )
}
