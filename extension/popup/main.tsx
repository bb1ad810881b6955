/** Runs in: the toolbar popup (also opened full-tab). Holds no key material. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.js'

const root = document.getElementById('root')
if (!root) throw new Error('popup root element missing')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
