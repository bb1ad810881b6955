import { crx } from '@crxjs/vite-plugin'
import react from '@vitejs/plugin-react'
import { defineConfig, mergeConfig } from 'vite'
import { firefoxManifest, manifest } from './scripts/manifest.js'
import chromium from './vite.config.js'

// The Firefox build (npm run build:firefox → dist-firefox/): the Chromium config with only the
// manifest changed (scripts/manifest.ts firefoxManifest); every other output file is the same.
export default mergeConfig(
  { ...chromium, plugins: [] },
  defineConfig({
    plugins: [react(), crx({ manifest: firefoxManifest(manifest), browser: 'firefox' })],
    build: { outDir: 'dist-firefox' },
  }),
)
