import { type FormEvent, useEffect, useState } from 'react'
import type { ServiceEndpoints, Settings as SettingsValue } from '../../messaging/catalogue.js'
import {
  checkServiceUrl,
  ENDPOINT_PRESETS,
  type PresetId,
  presetOf,
  type UrlProblem,
} from '../../messaging/service-endpoints.js'
import { callBackground, describeError } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { ExportBackup } from '../components/export-backup.js'
import { Field } from '../components/field.js'
import { Screen } from '../components/screen.js'
import { type MessageKey, t } from '../i18n.js'
import { useAction } from '../use-action.js'

const PRESET_LABELS: Record<PresetId | 'custom', MessageKey> = {
  production: 'presetProduction',
  staging: 'presetStaging',
  local: 'presetLocal',
  custom: 'presetCustom',
}
const URL_PROBLEMS: Record<UrlProblem, MessageKey> = {
  empty: 'urlEmpty',
  'not-a-url': 'urlInvalid',
  scheme: 'urlScheme',
  credentials: 'urlCredentials',
  query: 'urlQuery',
}

type Props = { onBack: () => void; onConnectedSites: () => void }

/** Service endpoints (presets or custom URLs), the auto-lock time, connected sites, and the encrypted backup export. */
export function Settings({ onBack, onConnectedSites }: Props) {
  const [loaded, setLoaded] = useState<SettingsValue>()
  const [loadError, setLoadError] = useState<string>()
  useEffect(() => {
    callBackground('getSettings').then(setLoaded, (error: unknown) => setLoadError(describeError(error)))
  }, [])
  return (
    <Screen title={t('settings')} onBack={onBack}>
      <ErrorText message={loadError} />
      {loaded && <SettingsForm initial={loaded} onSaved={setLoaded} />}
      <button type="button" onClick={onConnectedSites}>
        {t('connectedSites')}
      </button>
      <ExportBackup />
    </Screen>
  )
}

function SettingsForm({ initial, onSaved }: { initial: SettingsValue; onSaved: (settings: SettingsValue) => void }) {
  const [preset, setPreset] = useState(presetOf(initial.endpoints))
  const [custom, setCustom] = useState<ServiceEndpoints>(initial.endpoints)
  const [minutes, setMinutes] = useState(String(initial.autoLockMinutes))
  const [resolver, setResolver] = useState(initial.dnsResolverUrl)
  const [problem, setProblem] = useState<string>()
  const [saved, setSaved] = useState(false)
  const action = useAction()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSaved(false)
    const endpoints = preset === 'custom' ? checkCustom(custom) : ENDPOINT_PRESETS[preset]
    if (typeof endpoints === 'string') return setProblem(endpoints)
    const autoLockMinutes = Number(minutes)
    if (!/^\d+$/.test(minutes.trim()) || autoLockMinutes < 1 || autoLockMinutes > 1440)
      return setProblem(t('autoLockInvalid'))
    const dnsResolverUrl = checkServiceUrl(resolver)
    if (!dnsResolverUrl.ok)
      return setProblem(t('urlProblemIn', t('dnsResolverUrl'), t(URL_PROBLEMS[dnsResolverUrl.problem])))
    setProblem(undefined)
    action.run(async () => {
      onSaved(
        await callBackground('updateSettings', { endpoints, autoLockMinutes, dnsResolverUrl: dnsResolverUrl.url }),
      )
      setSaved(true)
    })
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset className="presets">
        <legend>{t('serviceEndpoints')}</legend>
        {(Object.keys(PRESET_LABELS) as (PresetId | 'custom')[]).map((id) => (
          <label key={id} className="preset">
            <input type="radio" name="preset" value={id} checked={preset === id} onChange={() => setPreset(id)} />
            <span>
              {t(PRESET_LABELS[id])}
              {id !== 'custom' && <small>{new URL(ENDPOINT_PRESETS[id].proofServiceUrl).host}</small>}
            </span>
          </label>
        ))}
      </fieldset>
      {preset === 'custom' && (
        <>
          <Field
            label={t('proofServiceUrl')}
            type="url"
            value={custom.proofServiceUrl}
            onChange={(value) => setCustom({ ...custom, proofServiceUrl: value })}
          />
          <Field
            label={t('kvServiceUrl')}
            type="url"
            value={custom.kvServiceUrl}
            onChange={(value) => setCustom({ ...custom, kvServiceUrl: value })}
          />
        </>
      )}
      <Field
        label={t('autoLockMinutes')}
        type="number"
        min={1}
        max={1440}
        value={minutes}
        onChange={setMinutes}
        hint={t('autoLockHint')}
      />
      <Field
        label={t('dnsResolverUrl')}
        type="url"
        value={resolver}
        onChange={setResolver}
        hint={t('dnsResolverHint')}
      />
      <ErrorText message={problem ?? action.error} />
      {saved && <p className="success">{t('saved')}</p>}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('save')}
      </button>
    </form>
  )
}

/** The custom endpoints normalised, or the first problem as a sentence. */
function checkCustom(custom: ServiceEndpoints): ServiceEndpoints | string {
  const proof = checkServiceUrl(custom.proofServiceUrl)
  if (!proof.ok) return t('urlProblemIn', t('proofServiceUrl'), t(URL_PROBLEMS[proof.problem]))
  const kv = checkServiceUrl(custom.kvServiceUrl)
  if (!kv.ok) return t('urlProblemIn', t('kvServiceUrl'), t(URL_PROBLEMS[kv.problem]))
  return { proofServiceUrl: proof.url, kvServiceUrl: kv.url }
}
