import { describe, expect, it } from 'vitest'
import { growthRatio } from '../../test/support/linear-time.js'
import { parseSteamProfileXml } from './steam-profile-xml.js'

// The shape of steamcommunity.com's `?xml=1` profile (platforms.md §3.8), groups included.
const PROFILE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><profile>
	<steamID64>76561198092541763</steamID64>
	<steamID><![CDATA[bebebeb]]></steamID>
	<privacyState>public</privacyState>
	<customURL><![CDATA[BeFoRE-CS]]></customURL>
	<steamRating/>
	<summary><![CDATA[i like ash<br> <a class="bb_link" href="https://example.com/?a=1&amp;b=2">link</a>]]></summary>
	<groups>
		<group isPrimary="1">
			<groupID64>103582791429521412</groupID64>
			<summary><![CDATA[NextID proof: not-the-user:1:2:null]]></summary>
		</group>
	</groups>
</profile>
`

describe('parseSteamProfileXml', () => {
  it.each([
    ['unclosed tags', '<'],
    ['tags opened inside tags', '<a'],
    ['unfinished CDATA sections', '<![CDATA['],
    ['unfinished comments', '<!--'],
    ['deep nesting', '<a>'],
  ])('reads 1 MB of %s in time linear in its length', (_name, unit) => {
    const xml = (length: number) => `<profile><summary>${unit.repeat(Math.floor(length / unit.length))}`
    expect(growthRatio(xml, parseSteamProfileXml, 256 * 1024)).toBeLessThan(9)
  })

  it('reads the profile fields, CDATA as is', () => {
    expect(parseSteamProfileXml(PROFILE)).toEqual({
      kind: 'profile',
      steamId64: '76561198092541763',
      customUrl: 'BeFoRE-CS',
      summary: 'i like ash<br> <a class="bb_link" href="https://example.com/?a=1&amp;b=2">link</a>',
    })
  })

  it("never takes a group's summary for the user's own", () => {
    const withoutSummary = PROFILE.replace(/\t<summary>.*<\/summary>\n/, '')
    expect(withoutSummary).not.toContain('i like ash')
    expect(parseSteamProfileXml(withoutSummary)).toMatchObject({ kind: 'profile', summary: '' })
  })

  it('decodes entities outside CDATA and joins text split around CDATA', () => {
    const xml =
      '<profile><steamID64>7656119&#56;092541763</steamID64><summary>a &lt;b&gt; <![CDATA[&amp;]]> &#x263A;</summary></profile>'
    expect(parseSteamProfileXml(xml)).toEqual({
      kind: 'profile',
      steamId64: '76561198092541763',
      customUrl: '',
      summary: 'a <b> &amp; ☺',
    })
  })

  it('recognises the error form of a missing profile, and anything else', () => {
    const missing =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><response><error><![CDATA[The specified profile could not be found.]]></error></response>'
    expect(parseSteamProfileXml(missing)).toEqual({
      kind: 'error',
      message: 'The specified profile could not be found.',
    })
    expect(parseSteamProfileXml('<!DOCTYPE html><html><body>Sorry!</body></html>')).toEqual({
      kind: 'other',
      root: 'html',
    })
    expect(parseSteamProfileXml('')).toEqual({ kind: 'other', root: '' })
    expect(parseSteamProfileXml('<response><ok/></response>')).toEqual({ kind: 'other', root: 'response' })
  })
})
