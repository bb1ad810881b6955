import type { BindablePlatform } from '../../messaging/catalogue.js'
import { t } from '../i18n.js'
import { PlatformBadge, platformName } from './platform-badge.js'

type Props = { platforms: BindablePlatform[]; value: string; onChange: (platform: string) => void }

/** The platforms the service verifies, as a radio group: badge and product name. */
export function PlatformPicker({ platforms, value, onChange }: Props) {
  return (
    <div className="platform-picker" role="radiogroup" aria-label={t('addBindingPlatform')}>
      {platforms.map(({ platform }) => (
        <label key={platform} className={`platform-option${platform === value ? ' selected' : ''}`}>
          <input
            type="radio"
            name="platform"
            value={platform}
            checked={platform === value}
            onChange={() => onChange(platform)}
          />
          <PlatformBadge platform={platform} />
          <span>{platformName(platform)}</span>
        </label>
      ))}
    </div>
  )
}
