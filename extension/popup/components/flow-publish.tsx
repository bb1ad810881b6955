import { useState } from 'react'
import browser from 'webextension-polyfill'
import type { PostBindingFlow } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { publishHintText, statusText } from '../format/flow-text.js'
import { helperSite, helperSitePatterns } from '../format/platform-inputs.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { CopyButton } from './copy-button.js'
import { DnsRecordGuide } from './dns-record-guide.js'
import { ErrorText } from './error-text.js'
import { Field } from './field.js'
import { platformName } from './platform-badge.js'
import { SiteAccessNotice } from './site-access.js'

/**
 * The publish step: the exact text (record, file) in a read-only box with Copy, where it goes, a
 * button that opens the platform's publishing page when there is one, the proof location when the
 * platform needs it, and "I've published it".
 */
export function FlowPublish({ flow, onSubmitted }: { flow: PostBindingFlow; onSubmitted: () => void }) {
  const [location, setLocation] = useState(flow.proofLocation)
  const action = useAction()
  const site = helperSite(flow.platform)
  const submit = () =>
    action.run(async () => {
      await callBackground('submitBinding', { flowId: flow.id, proofLocation: location.trim() })
      onSubmitted()
    })
  return (
    <div className="stack">
      {flow.action === 'delete' && <p className="warning">{t('flowRevokeIntro')}</p>}
      {/* A chain that moved since the text was signed, or a check that stopped: said from the status code. */}
      {flow.status !== null && <p className="warning">{statusText(flow)}</p>}
      {site !== undefined && <SiteAccessNotice patterns={helperSitePatterns(flow.platform)} site={site} />}
      <div className="field">
        <div className="flow-text-head">
          <label htmlFor="flow-text">{t('flowTextToPublish')}</label>
          <CopyButton text={flow.postText} />
        </div>
        <textarea id="flow-text" className="flow-text" readOnly value={flow.postText} rows={7} />
      </div>
      {flow.platform === 'dns' ? (
        <DnsRecordGuide domain={flow.identity} flowId={flow.id} />
      ) : (
        <p className="hint" data-testid="flow-publish-hint">
          {publishHintText(flow)}
        </p>
      )}
      {flow.publishUrl !== '' && (
        <button type="button" onClick={() => void browser.tabs.create({ url: flow.publishUrl })}>
          {t('flowOpenSite', site ?? platformName(flow.platform))}
        </button>
      )}
      {flow.needsProofLocation && (
        <Field
          label={t('flowProofLocation')}
          value={location}
          onChange={setLocation}
          spellCheck={false}
          autoComplete="off"
          hint={site ? t('flowProofLocationHelper', site) : undefined}
        />
      )}
      <ErrorText message={action.error} />
      <button type="button" className="primary" disabled={action.busy} onClick={submit}>
        {action.busy ? t('working') : t('flowPublished')}
      </button>
    </div>
  )
}
