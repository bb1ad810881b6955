/** Runs in: the toolbar popup (also opened full-tab). Holds no key material. */
import { StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.js'
import { Approval } from './lazy-screens.js'

const root = document.getElementById('root')
if (!root) throw new Error('popup root element missing')
createRoot(root).render(
  <StrictMode>
    {/* The background opens this page at #approval as the dApp approval window: that screen only. */}
    {window.location.hash === '#approval' ? (
      <Suspense fallback={null}>
        <Approval />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
)
