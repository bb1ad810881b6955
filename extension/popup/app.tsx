import { useEffect, useState } from 'react'
import browser from 'webextension-polyfill'
import type { BackgroundStatus, PopupApi } from '../messaging/catalogue.js'
import { createBackgroundClient } from '../messaging/client.js'

const callBackground = createBackgroundClient<PopupApi>('popup')
const t = (key: string, substitutions?: string) => browser.i18n.getMessage(key, substitutions)

type Load = { state: 'loading' } | { state: 'ready'; status: BackgroundStatus } | { state: 'error'; message: string }

export function App() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  useEffect(() => {
    callBackground('getStatus').then(
      (status) => setLoad({ state: 'ready', status }),
      (error: unknown) => setLoad({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    )
  }, [])

  return (
    <main>
      <header className="header">
        <img src="/icons/icon-32.png" width={24} height={24} alt="" />
        <h1>{t('popupTitle')}</h1>
      </header>
      <p className="status" data-state={load.state} data-testid="background-status">
        {load.state === 'loading' && '…'}
        {load.state === 'ready' && `${t('backgroundReady')} · ${t('version', load.status.version)}`}
        {load.state === 'error' && `${t('backgroundUnreachable')}: ${load.message}`}
      </p>
    </main>
  )
}
