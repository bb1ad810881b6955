import type { Binding } from '../../messaging/catalogue.js'
import { ageOf, daysSince } from '../format/age.js'
import { t, uiLanguage } from '../i18n.js'
import { PlatformBadge, platformName } from './platform-badge.js'

/** One binding: platform, identity, an honest status chip, when ProofService last checked it, and Revoke. */
export function BindingRow({ binding, nowMs, onRevoke }: { binding: Binding; nowMs: number; onRevoke: () => void }) {
  const age = ageOf(binding.lastCheckedAt, nowMs)
  const checked = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }).format(age.value, age.unit)
  return (
    <li className="binding" data-testid="binding" data-platform={binding.platform}>
      <PlatformBadge platform={binding.platform} />
      <div className="binding-text">
        <span className="platform">{platformName(binding.platform)}</span>
        <span className="identity" title={binding.identity}>
          {binding.identity}
        </span>
        <StatusChip binding={binding} nowMs={nowMs} />
        <span className="checked">{t('lastChecked', checked)}</span>
      </div>
      <button type="button" className="ghost small danger-text" onClick={onRevoke}>
        {t('revoke')}
      </button>
    </li>
  )
}

function StatusChip({ binding, nowMs }: { binding: Binding; nowMs: number }) {
  if (!binding.isValid) {
    return (
      <span className="chip invalid">
        {binding.invalidReason ? t('statusInvalidBecause', binding.invalidReason) : t('statusInvalid')}
      </span>
    )
  }
  // §7.3: the service re-checks every 3 days at most; older means the "valid" is a stale report.
  if (binding.isStale) {
    return <span className="chip stale">{t('statusStale', String(daysSince(binding.lastCheckedAt, nowMs)))}</span>
  }
  return <span className="chip valid">{t('statusValid')}</span>
}
