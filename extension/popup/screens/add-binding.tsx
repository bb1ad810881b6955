import { useCallback, useEffect, useState } from 'react'
import type { Platform } from '../../../src/platforms/index.js'
import type { BindablePlatform } from '../../messaging/catalogue.js'
import { callBackground, describeError } from '../background.js'
import { ErrorText } from '../components/error-text.js'
import { Field } from '../components/field.js'
import { platformName } from '../components/platform-badge.js'
import { PlatformPicker } from '../components/platform-picker.js'
import { Screen } from '../components/screen.js'
import { identityExample, postLanguages } from '../format/platform-inputs.js'
import { unverifiedPlatforms } from '../format/unverified-platforms.js'
import { type MessageKey, t } from '../i18n.js'
import type { Navigate } from '../routes.js'
import { useAction } from '../use-action.js'

type Load =
  | { state: 'loading' }
  | { state: 'ready'; platforms: BindablePlatform[] }
  | { state: 'error'; message: string }

// The choices postLanguages derives from the registry; a language without a name here shows its key.
const LANGUAGE_NAMES: Record<string, MessageKey> = { en: 'addBindingEnglish', zh_CN: 'addBindingChinese' }
const languageName = (code: string) => {
  const key = LANGUAGE_NAMES[code]
  return key ? t(key) : code
}

/**
 * "Add binding": the platforms the configured ProofService verifies, the identity (with the
 * platform's example), the post language where the templates have one, then Start → the flow screen.
 */
export function AddBinding({ navigate }: { navigate: Navigate }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [platform, setPlatform] = useState('')
  const [identity, setIdentity] = useState('')
  const [language, setLanguage] = useState('en')
  const action = useAction()

  const fetchPlatforms = useCallback(() => {
    setLoad({ state: 'loading' })
    callBackground('getPlatforms').then(
      (platforms) => {
        setLoad({ state: 'ready', platforms })
        setPlatform((current) => current || (platforms[0]?.platform ?? ''))
      },
      (error: unknown) => setLoad({ state: 'error', message: describeError(error) }),
    )
  }, [])
  useEffect(fetchPlatforms, [fetchPlatforms])

  const chosen = load.state === 'ready' ? load.platforms.find((entry) => entry.platform === platform) : undefined
  const languages = postLanguages(platform)
  const example = identityExample(platform)
  const start = () =>
    action.run(async () => {
      const params = { platform, identity: identity.trim(), ...(languages.length > 0 ? { language } : {}) }
      const flow = await callBackground('startBinding', params)
      navigate({ name: 'binding-flow', flowId: flow.id })
    })
  const pick = (next: string) => {
    setPlatform(next)
    action.clear()
  }

  return (
    <Screen title={t('addBinding')} onBack={() => navigate({ name: 'main' })}>
      {load.state === 'loading' && <p className="muted">{t('addBindingLoading')}</p>}
      {load.state === 'error' && (
        <div className="stack" data-testid="platforms-error">
          <ErrorText message={t('addBindingUnreachable', load.message)} />
          <button type="button" onClick={fetchPlatforms}>
            {t('retry')}
          </button>
        </div>
      )}
      {load.state === 'ready' && load.platforms.length === 0 && <p className="empty">{t('addBindingNone')}</p>}
      {load.state === 'ready' && load.platforms.length > 0 && (
        <PlatformPicker platforms={load.platforms} value={platform} onChange={pick} />
      )}
      {load.state === 'ready' && <Unverified platforms={unverifiedPlatforms(load.platforms)} />}
      {chosen?.kind === 'wallet' && (
        <div className="stack">
          <p className="hint">{t('addBindingWalletIntro')}</p>
          <button type="button" className="primary" onClick={() => navigate({ name: 'bind-wallet' })}>
            {t('addBindingWalletGo')}
          </button>
        </div>
      )}
      {chosen?.kind === 'post' && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault()
            void start()
          }}
        >
          <Field
            label={platform === 'dns' ? t('addBindingDomain') : t('addBindingIdentity', platformName(platform))}
            value={identity}
            onChange={(value) => {
              setIdentity(value)
              action.clear()
            }}
            placeholder={example}
            hint={example ? t('addBindingExample', example) : undefined}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={action.error ? true : undefined}
          />
          {languages.length > 0 && (
            <div className="choice-row" role="radiogroup" aria-label={t('addBindingLanguage')}>
              <span className="choice-label">{t('addBindingLanguage')}</span>
              {languages.map((code) => (
                <label key={code} className="check">
                  <input
                    type="radio"
                    name="language"
                    value={code}
                    checked={language === code}
                    onChange={() => setLanguage(code)}
                  />
                  {languageName(code)}
                </label>
              ))}
            </div>
          )}
          <ErrorText message={action.error} />
          <button type="submit" className="primary" disabled={action.busy || identity.trim() === ''}>
            {action.busy ? t('working') : t('addBindingStart')}
          </button>
        </form>
      )}
    </Screen>
  )
}

/** What the service cannot verify, and why it is not offered. */
function Unverified({ platforms }: { platforms: Platform[] }) {
  if (platforms.length === 0) return null
  return (
    <details className="advanced" data-testid="unverified-platforms">
      <summary>{t('addBindingUnverified', String(platforms.length))}</summary>
      <p className="hint">{t('addBindingUnverifiedWhy', platforms.map(platformName).join(', '))}</p>
      <p className="hint">{t('addBindingUnverifiedSelfHosted')}</p>
    </details>
  )
}
