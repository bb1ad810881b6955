import { useEffect, useState } from 'react'
import { t } from '../i18n.js'

/** Copies `text` to the clipboard; says "Copied" for a moment, or that copying did not work. */
export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state !== 'copied') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    )
  return (
    <>
      <button type="button" className="small" onClick={copy}>
        {state === 'copied' ? t('flowCopied') : t('flowCopy')}
      </button>
      {state === 'failed' && (
        <p className="error" role="alert">
          {t('flowCopyFailed')}
        </p>
      )}
    </>
  )
}
