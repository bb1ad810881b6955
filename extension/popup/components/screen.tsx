import type { ReactNode } from 'react'
import { t } from '../i18n.js'

type ScreenProps = { title: string; onBack?: () => void; actions?: ReactNode; children: ReactNode }

/** The frame of one screen: a title bar with an optional back button, then the content. */
export function Screen({ title, onBack, actions, children }: ScreenProps) {
  return (
    <section className="screen">
      <header className="bar">
        {onBack && (
          <button type="button" className="ghost" onClick={onBack}>
            ← {t('back')}
          </button>
        )}
        <h1>{title}</h1>
        {actions}
      </header>
      <div className="content">{children}</div>
    </section>
  )
}
