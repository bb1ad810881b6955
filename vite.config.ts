import { crx } from '@crxjs/vite-plugin'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { manifest } from './scripts/manifest.js'

// Builds the extension into dist/. Unit tests have their own config (vitest.config.ts).
// The manifest is manifest.json except the `matches` of the page-helper content scripts
// (extension/content/x-helper.iife.ts and extension/content/gist-helper.iife.ts): manifest.json
// holds a placeholder there, which scripts/manifest.ts overwrites with the helper platform's
// `post.helperOrigins` from the platform registry (src/platforms) + `/*`.
export default defineConfig({
  plugins: [react(), crx({ manifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome116',
  },
  server: { cors: { origin: [/chrome-extension:\/\//] } },
})
