import { describe, expect, it } from 'vitest'
import { FIREFOX_ADDON_ID, firefoxManifest, manifest } from './manifest.js'

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(manifest)

  it('runs the same background as an ES-module event page, with the gecko settings Firefox requires', () => {
    expect(firefox.background).toEqual({ scripts: [manifest.background.service_worker], type: 'module' })
    expect(firefox.browser_specific_settings.gecko).toMatchObject({ id: FIREFOX_ADDON_ID, strict_min_version: '140.0' })
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions.required).toEqual([
      'personallyIdentifyingInfo',
      'authenticationInfo',
    ])
    expect(firefox.browser_specific_settings.gecko_android).toEqual({ strict_min_version: '142.0' })
  })

  it('leaves out the Chrome-only keys and keeps everything else as the Chromium manifest has it', () => {
    expect(firefox).not.toHaveProperty('key')
    expect(firefox).not.toHaveProperty('minimum_chrome_version')
    const { key: _k, minimum_chrome_version: _m, background: _b, ...chromiumRest } = manifest
    const { background: _fb, browser_specific_settings: _s, ...firefoxRest } = firefox
    expect(firefoxRest).toEqual(chromiumRest)
  })
})
