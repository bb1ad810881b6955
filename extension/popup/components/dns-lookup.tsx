/**
 * "Check DNS now" (issue 15): asks the background what a public resolver shows for the flow's
 * domain right now and says, in words chosen here from the outcome, whether the record is there —
 * with the TXT records that are, so the user can compare them with the text above.
 */
import { useState } from 'react'
import type { DnsCheck } from '../../messaging/catalogue.js'
import { callBackground } from '../background.js'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'

export function DnsLookup({ flowId }: { flowId: string }) {
  const [result, setResult] = useState<DnsCheck>()
  const action = useAction()
  const lookUp = () =>
    action.run(async () => {
      setResult(undefined)
      setResult(await callBackground('checkDnsRecord', { flowId }))
    })
  return (
    <div className="stack dns-lookup">
      <button type="button" disabled={action.busy} onClick={lookUp} data-testid="dns-check-now">
        {action.busy ? t('working') : t('dnsCheckNow')}
      </button>
      <ErrorText message={action.error} />
      {result && <DnsLookupResult result={result} />}
    </div>
  )
}

function DnsLookupResult({ result }: { result: DnsCheck }) {
  const tone = result.outcome === 'found' ? 'success' : 'warning'
  return (
    <div className="stack" role="status" data-testid="dns-check-result" data-outcome={result.outcome}>
      <p className="hint">{t('dnsCheckHeading', result.resolver, result.domain)}</p>
      <p className={tone}>{outcomeText(result)}</p>
      {result.outcome === 'not-yet' && (
        <>
          <p className="hint">{result.records.length > 0 ? t('dnsCheckRecordsNow') : t('dnsCheckNoRecords')}</p>
          {result.records.length > 0 && (
            <ul className="dns-records">
              {result.records.map((record, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the same text may appear twice; the list never reorders.
                <li key={index}>
                  <code>{record}</code>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {result.olderProofs > 0 && (
        <p className="hint">
          {result.olderProofs === 1
            ? t('dnsCheckOlderProofsOne')
            : t('dnsCheckOlderProofs', String(result.olderProofs))}
        </p>
      )}
    </div>
  )
}

function outcomeText(result: DnsCheck): string {
  switch (result.outcome) {
    case 'found':
      return t('dnsCheckFound')
    case 'not-yet':
      return t('dnsCheckNotYet')
    case 'no-domain':
      return t('dnsCheckNoDomain')
    case 'lookup-failed':
      return t('dnsCheckFailed', String(result.rcode ?? ''))
  }
}
