import { useCallback, useEffect, useState } from 'react'
import browser from 'webextension-polyfill'
import { t } from '../i18n.js'
import { useAction } from '../use-action.js'
import { ErrorText } from './error-text.js'

/**
 * Site access a flow needs, which the user can withdraw (Chrome's "site access", Firefox's
 * per-site permissions): while it is missing, says so and offers to grant it. The browser asks
 * the user; the notice goes away as soon as access is back, however it was given. Without a
 * `site`, the access is to web pages at large (the dApp provider and the wallet relay run on every
 * page, and which page the user means is not known until it can be read).
 */
export function SiteAccessNotice({ patterns, site }: { patterns: string[]; site?: string }) {
  const [missing, setMissing] = useState(false)
  const action = useAction()
  const key = patterns.join(' ')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the patterns.
  const check = useCallback(() => {
    if (patterns.length === 0) return
    browser.permissions
      .contains({ origins: patterns })
      .then((granted) => setMissing(!granted))
      .catch(() => setMissing(false)) // the browser cannot tell: say nothing rather than something wrong
  }, [key])
  useEffect(() => {
    check()
    browser.permissions.onAdded.addListener(check)
    browser.permissions.onRemoved.addListener(check)
    return () => {
      browser.permissions.onAdded.removeListener(check)
      browser.permissions.onRemoved.removeListener(check)
    }
  }, [check])
  if (!missing) return null
  const grant = () =>
    action.run(async () => {
      await browser.permissions.request({ origins: patterns })
      check()
    })
  return (
    <div className="stack warning" role="alert" data-testid="site-access-missing">
      <p>{site === undefined ? t('siteAccessMissingWeb') : t('siteAccessMissing', site)}</p>
      <button type="button" className="primary" disabled={action.busy} onClick={grant}>
        {site === undefined ? t('siteAccessGrantWeb') : t('siteAccessGrant', site)}
      </button>
      <ErrorText message={action.error} />
    </div>
  )
}
