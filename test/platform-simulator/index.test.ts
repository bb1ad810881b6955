// Tests of the platform simulator (index.ts): the combined app, its
// config, and the in-process fetch that lets validators run without a port.
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.js'
import { createValidators } from '../../server/validators/index.js'
import { makeProof } from '../support/server/validators/test-proofs.js'
import { createPlatformSimulator, IN_PROCESS_URL } from './index.js'

describe('createPlatformSimulator', () => {
  it('mounts every platform under its prefix', async () => {
    const { app } = createPlatformSimulator()
    expect((await app.request('/twitter/2/tweets/1')).status).toBe(401)
    expect((await app.request('/github/gists/abc')).status).toBe(404)
    expect((await app.request('/doh/dns-query?name=a.example&type=TXT')).status).toBe(400)
    expect((await app.request('/keybase/alice/NextID/0x02.json')).status).toBe(404)
  })

  it('points each platform config at the simulator and keeps the defaults of the others', () => {
    const simulator = createPlatformSimulator()
    const config = simulator.configFor('http://127.0.0.1:1234')
    expect(config.twitter).toEqual({ apiUrl: 'http://127.0.0.1:1234/twitter', bearerToken: 'simulator-twitter-token' })
    expect(config.github).toEqual({ apiUrl: 'http://127.0.0.1:1234/github', token: null })
    expect(config.dns).toEqual({ dohUrl: 'http://127.0.0.1:1234/doh/dns-query' })
    expect(config.keybase).toEqual({ urlTemplate: 'http://127.0.0.1:1234/keybase/{username}' })
    expect(config.discord).toEqual({
      apiUrl: 'http://127.0.0.1:1234/discord/api/v10',
      botToken: 'simulator-discord-bot-token',
    })
    expect(config.dotbit).toEqual({ apiUrl: 'http://127.0.0.1:1234/dotbit' })
    expect(config.minds).toEqual({ apiUrl: 'http://127.0.0.1:1234/minds' })
    expect(config.steam).toEqual({ url: 'http://127.0.0.1:1234/steam' })
    expect(config.activitypub).toEqual({ urlTemplate: 'http://127.0.0.1:1234/activitypub/{server}' })
  })

  it('answers validators in process through its fetch', async () => {
    const simulator = createPlatformSimulator()
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), platforms: simulator.configFor(IN_PROCESS_URL) }
    const validators = new Map(createValidators(config).map((validator) => [validator.platform, validator]))
    const twitter = validators.get('twitter')
    expect(twitter?.isConfigured).toBe(true)
    const proof = makeProof({ platform: 'twitter', identity: 'alice' })
    const user = simulator.state.twitter.addUser({ id: '7', username: 'alice' })
    const { id } = simulator.state.twitter.publishTweet({ text: proof.post, authorId: user.id })
    const context = { fetch: simulator.fetch, timeoutMs: 1_000 }
    const result = await twitter?.validate({ ...proof.request, proofLocation: id }, context)
    expect(result).toEqual({ identity: 'alice', altId: '7', linkSignature: proof.postSignature })
  })

  it('registers the twitter, github, dns and keybase validators; twitter needs a token', () => {
    const platforms = createValidators(loadConfig({})).map((validator) => [validator.platform, validator.isConfigured])
    expect(platforms).toEqual(
      expect.arrayContaining([
        ['twitter', false],
        ['github', true],
        ['dns', true],
        ['keybase', true],
      ]),
    )
  })
})
