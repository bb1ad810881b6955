/**
 * Home's identity card (issue 15): who you are at a glance — the avatar's visual fingerprint, its
 * name and id (with Copy), and the service in use, always visible, so a person recognises both their
 * avatar and where its bindings are checked, the way a wallet shows its account and network.
 */
import { useEffect, useState } from 'react'
import type { ServiceEndpoints } from '../../messaging/catalogue.js'
import { presetOf } from '../../messaging/service-endpoints.js'
import { callBackground } from '../background.js'
import { fingerprintOf } from '../format/fingerprint.js'
import { shortenId } from '../format/short-id.js'
import { type MessageKey, t } from '../i18n.js'

type Props = { name: string; avatarId: string }

const PRESET_KEYS: Record<Exclude<ReturnType<typeof presetOf>, 'custom'>, MessageKey> = {
  production: 'presetProduction',
  staging: 'presetStaging',
  local: 'serviceLocal',
}

export function IdentityCard({ name, avatarId }: Props) {
  const [copied, setCopied] = useState(false)
  const [endpoints, setEndpoints] = useState<ServiceEndpoints>()
  useEffect(() => {
    callBackground('getSettings').then(
      (settings) => setEndpoints(settings.endpoints),
      () => undefined, // the bindings below say when the background or the service cannot be reached
    )
  }, [])
  const copy = async () => {
    await navigator.clipboard.writeText(avatarId)
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }
  return (
    <div className="card identity-card" data-testid="identity-card">
      <FingerprintImage avatarId={avatarId} />
      <div className="identity-text">
        <strong className="identity-name">{name}</strong>
        <div className="avatar-id">
          <code title={avatarId} data-testid="avatar-id">
            {shortenId(avatarId)}
          </code>
          <button type="button" className="ghost small" onClick={copy}>
            {copied ? t('copied') : t('copyId')}
          </button>
        </div>
        {endpoints && <ServiceLine endpoints={endpoints} />}
      </div>
    </div>
  )
}

function ServiceLine({ endpoints }: { endpoints: ServiceEndpoints }) {
  const preset = presetOf(endpoints)
  const label = preset === 'custom' ? hostOf(endpoints.proofServiceUrl) : t(PRESET_KEYS[preset])
  return (
    <span className="service-line" data-testid="service-in-use" data-preset={preset} title={endpoints.proofServiceUrl}>
      {t('serviceInUse', label)}
    </span>
  )
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

/** The fingerprint as a small SVG: filled cells in the avatar's hue on a pale ground of the same hue. */
function FingerprintImage({ avatarId }: { avatarId: string }) {
  const { hue, cells } = fingerprintOf(avatarId)
  return (
    <svg className="fingerprint" viewBox="0 0 5 5" role="img" aria-label={t('fingerprintLabel')} data-hue={hue}>
      <rect width="5" height="5" fill={`hsl(${hue} 60% 92%)`} />
      <path d={cellsPath(cells)} fill={`hsl(${hue} 55% 42%)`} />
    </svg>
  )
}

/** One unit square per filled cell, as a single SVG path. */
function cellsPath(cells: boolean[][]): string {
  return cells.flatMap((row, y) => row.flatMap((on, x) => (on ? [`M${x} ${y}h1v1h-1z`] : []))).join('')
}
