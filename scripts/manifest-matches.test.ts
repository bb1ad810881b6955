import { describe, expect, it } from 'vitest'
import { HELPER_PLATFORMS } from '../extension/messaging/sender-check.js'
import baseManifest from '../manifest.json' with { type: 'json' }
import { postFacts } from '../src/platforms/index.js'
import { HELPER_SCRIPTS, manifest, PLACEHOLDER_MATCH, withHelperMatches } from './manifest.js'

const scriptOf = (js: string) => manifest.content_scripts.find((entry) => entry.js.includes(js))

describe('the manifest the build uses', () => {
  it('lets each helper script run on exactly its platform’s registry origins', () => {
    expect(Object.keys(HELPER_SCRIPTS).sort()).toEqual([...HELPER_PLATFORMS].sort())
    for (const platform of HELPER_PLATFORMS) {
      const expected = postFacts(platform).helperOrigins.map((origin) => `${origin}/*`)
      expect(scriptOf(HELPER_SCRIPTS[platform])?.matches, platform).toEqual(expected)
    }
    expect(scriptOf('extension/content/x-helper.iife.ts')?.matches).toEqual([
      'https://x.com/*',
      'https://twitter.com/*',
      'https://mobile.x.com/*',
      'https://mobile.twitter.com/*',
    ])
    expect(scriptOf('extension/content/gist-helper.iife.ts')?.matches).toEqual(['https://gist.github.com/*'])
  })

  it('keeps everything else of manifest.json, and no placeholder', () => {
    const { content_scripts: built, ...rest } = manifest
    const { content_scripts: base, ...baseRest } = baseManifest
    expect(rest).toEqual(baseRest)
    expect(built).toHaveLength(base.length)
    built.forEach((entry, index) => {
      const helper = Object.values(HELPER_SCRIPTS).some((script) => entry.js.includes(script))
      expect({ ...entry, matches: [] }).toEqual({ ...base[index], matches: [] })
      if (!helper) expect(entry.matches).toEqual(base[index]?.matches)
      expect(entry.matches).not.toContain(PLACEHOLDER_MATCH)
    })
  })

  it('refuses a manifest that lost a helper script or lists it twice', () => {
    const x = { matches: [PLACEHOLDER_MATCH], js: [HELPER_SCRIPTS.twitter] }
    const gist = { matches: [PLACEHOLDER_MATCH], js: [HELPER_SCRIPTS.github] }
    expect(() => withHelperMatches({ content_scripts: [x] })).toThrow(/gist-helper/)
    expect(() => withHelperMatches({ content_scripts: [x, gist, x] })).toThrow(/x-helper/)
    expect(withHelperMatches({ content_scripts: [x, gist] }).content_scripts[1]?.matches).toEqual([
      'https://gist.github.com/*',
    ])
  })
})
