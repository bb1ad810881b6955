/**
 * What to type into a DNS provider for a DNS binding (issue 15): the host, the record type, the value
 * (the text box above, with its Copy button), a TTL to choose and how long the record may take to be
 * seen, and "Check DNS now" to see what a public resolver shows. Next.ID reads the TXT records of
 * the domain itself (platforms.md §3.3), so the host is the bare domain — "@" in most providers' forms.
 */
import { t } from '../i18n.js'
import { DnsLookup } from './dns-lookup.js'

export function DnsRecordGuide({ domain, flowId }: { domain: string; flowId: string }) {
  return (
    <div className="card stack dns-record" data-testid="dns-record">
      <p className="hint">{t('dnsGuideLead', domain)}</p>
      <dl className="record-fields">
        <dt>{t('dnsGuideHost')}</dt>
        <dd>
          <code>{domain}</code> <span className="muted">{t('dnsGuideHostAt')}</span>
        </dd>
        <dt>{t('dnsGuideType')}</dt>
        <dd>
          <code>TXT</code>
        </dd>
        <dt>{t('dnsGuideValue')}</dt>
        <dd>{t('dnsGuideValueAbove')}</dd>
        <dt>{t('dnsGuideTtl')}</dt>
        <dd>{t('dnsGuideTtlHint')}</dd>
      </dl>
      <p className="hint">{t('dnsGuideWait')}</p>
      <DnsLookup flowId={flowId} />
    </div>
  )
}
