import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../../src/crypto/index.js'
import type { FediverseSoftware } from '../../test/platform-simulator/activitypub.js'
import { type RunningPlatformSimulator, startPlatformSimulator } from '../../test/platform-simulator/index.js'
import {
  closedPortUrl,
  HTTP,
  makeProof,
  NO_FETCH,
  OTHER_KEY,
  rejection,
  TEST_PREV,
} from '../../test/support/server/validators/test-proofs.js'
import { createActivityPubValidator } from './activitypub.js'
import { PlatformUnavailableError, ProofRejectedError, type Validator, type ValidatorContext } from './validator.js'

const BAD_SIGNATURE = `bad signature: the "Signature:" line of the post is not this avatar's signature over the payload`
const SERVERS: [string, FediverseSoftware, ('2.0' | '2.1')[]][] = [
  ['mastodon.example', 'mastodon', ['2.0', '2.1']],
  ['pleroma.example', 'pleroma', ['2.0']],
  ['misskey.example', 'misskey', ['2.0']],
  ['new.example', 'mastodon', ['2.1']],
  ['gts.example', 'gotosocial', ['2.0']],
]

let simulator: RunningPlatformSimulator
let validator: Validator
let nextAccount = 100

beforeAll(async () => {
  simulator = await startPlatformSimulator()
  for (const [name, software, versions] of SERVERS) simulator.state.activitypub.addServer(name, software, versions)
  validator = createActivityPubValidator(simulator.config.activitypub)
})
afterAll(() => simulator.stop())
afterEach(() => {
  simulator.state.activitypub.rateLimited = false
  simulator.state.activitypub.authRequired.clear()
})

type PostOptions = Partial<Parameters<typeof makeProof>[0]> & { by?: string; host?: string }

/** A proof for `identity` (`user@server`, as typed) posted on its server, and the request to validate it. */
function proofPost(identity: string, options: PostOptions = {}) {
  const proof = makeProof({ platform: 'activitypub', identity, ...options })
  const [username, server] = proof.request.identity.split('@') as [string, string]
  nextAccount += 1
  const accountId = String(nextAccount)
  const by = options.by ?? username
  const post = simulator.state.activitypub.publish(server, {
    accountId,
    username: by,
    text: proof.post,
    ...(options.host !== undefined && { host: options.host }),
  })
  return { ...proof, accountId, id: post.id, request: { ...proof.request, proofLocation: post.id } }
}

function requestsSince(count: number): string[] {
  return simulator.state.activitypub.requests.slice(count)
}

describe('createActivityPubValidator', () => {
  it('accepts a Mastodon status: HTML stripped before matching, no extra "@" (§15 #21)', async () => {
    const before = simulator.state.activitypub.requests.length
    const { request, accountId, id, postSignature } = proofPost('@alice@mastodon.example', { prev: TEST_PREV })
    expect(request.identity).toBe('alice@mastodon.example')
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: 'alice@mastodon.example',
      altId: accountId,
      linkSignature: postSignature,
    })
    expect(requestsSince(before)).toEqual([
      '/activitypub/mastodon.example/.well-known/nodeinfo',
      '/activitypub/mastodon.example/nodeinfo/2.0',
      `/activitypub/mastodon.example/api/v1/statuses/${id}`,
    ])
    const served = await (await fetch(`${simulator.url}/activitypub/mastodon.example/api/v1/statuses/${id}`)).json()
    expect(served.content).toContain(`<br />Previous: ${TEST_PREV}<br />`)
    expect(served.content).toMatch(/^<p>Validate my ActivityPub identity <span class="h-card"/)
  })

  it('accepts a Pleroma status, reading its text/plain content', async () => {
    const { request, accountId, id, postSignature } = proofPost('bob@pleroma.example')
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: 'bob@pleroma.example',
      altId: accountId,
      linkSignature: postSignature,
    })
    const served = await (await fetch(`${simulator.url}/activitypub/pleroma.example/api/v1/statuses/${id}`)).json()
    expect(served.pleroma.content['text/plain']).toContain(`\nSignature: ${postSignature}\n`)
  })

  it('accepts a Misskey note read with POST /api/notes/show', async () => {
    const before = simulator.state.activitypub.requests.length
    const { request, accountId, id, postSignature } = proofPost('carol@misskey.example')
    expect(await validator.validate(request, HTTP)).toEqual({
      identity: 'carol@misskey.example',
      altId: accountId,
      linkSignature: postSignature,
    })
    expect(requestsSince(before).at(-1)).toBe('/activitypub/misskey.example/api/notes/show')
    expect(id).toMatch(/^[0-9a-z]+$/)
  })

  it('accepts a server that lists only nodeinfo 2.1 (the reference fails there)', async () => {
    const { request } = proofPost('dave@new.example')
    expect((await validator.validate(request, HTTP)).identity).toBe('dave@new.example')
    expect(simulator.state.activitypub.requests.at(-2)).toBe('/activitypub/new.example/nodeinfo/2.1')
  })

  it('rejects unsupported software and a host that is no ActivityPub server', async () => {
    const { request } = proofPost('erin@gts.example')
    const error = await rejection(validator.validate(request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    // Our words only: the name the server gives its software is not echoed.
    expect(error.message).toBe('gts.example runs ActivityPub software that is not supported')
    const nowhere = makeProof({ platform: 'activitypub', identity: 'erin@unknown.example', proofLocation: '1' })
    expect((await rejection(validator.validate(nowhere.request, HTTP))).message).toBe(
      'unknown.example has no nodeinfo: it is not an ActivityPub server',
    )
  })

  it('rejects a post by another account, and a federated copy of a remote namesake', async () => {
    for (const [server, options] of [
      ['mastodon.example', { by: 'mallory' }],
      ['mastodon.example', { host: 'evil.example' }],
      ['misskey.example', { host: 'evil.example' }],
    ] as const) {
      const { request } = proofPost(`frank@${server}`, options)
      const error = await rejection(validator.validate(request, HTTP))
      expect(error).toBeInstanceOf(ProofRejectedError)
      expect(error.message).toBe(`post is not sent by this account: expected frank@${server}`)
    }
  })

  it("rejects another avatar's signature, a stale payload and a post without a Signature line", async () => {
    const forged = proofPost('grace@mastodon.example', { signer: OTHER_KEY })
    expect((await rejection(validator.validate(forged.request, HTTP))).message).toBe(BAD_SIGNATURE)
    const stale = proofPost('grace@misskey.example', { signedFor: { uuid: '00000000-0000-4000-8000-000000000000' } })
    expect((await rejection(validator.validate(stale.request, HTTP))).message).toBe(BAD_SIGNATURE)
    const { request } = makeProof({ platform: 'activitypub', identity: 'grace@mastodon.example' })
    const plain = simulator.state.activitypub.publish('mastodon.example', {
      accountId: '1',
      username: 'grace',
      text: 'hi',
    })
    const error = await rejection(validator.validate({ ...request, proofLocation: plain.id }, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe('post has no "Signature: <signature>" line')
  })

  it('rejects a deleted status or note, and a server that hides posts from anonymous readers', async () => {
    const status = proofPost('heidi@mastodon.example')
    simulator.state.activitypub.delete('mastodon.example', status.id)
    expect((await rejection(validator.validate(status.request, HTTP))).message).toBe(
      `mastodon.example status not found: ${status.id}`,
    )
    const note = proofPost('heidi@misskey.example')
    simulator.state.activitypub.delete('misskey.example', note.id)
    expect((await rejection(validator.validate(note.request, HTTP))).message).toBe(
      `misskey.example note not found: ${note.id}`,
    )
    const closed = proofPost('heidi@pleroma.example')
    const closedNote = proofPost('heidi@misskey.example')
    simulator.state.activitypub.authRequired.add('pleroma.example').add('misskey.example')
    const error = await rejection(validator.validate(closed.request, HTTP))
    expect(error).toBeInstanceOf(ProofRejectedError)
    expect(error.message).toBe(`pleroma.example does not show status ${closed.id} without signing in`)
    expect((await rejection(validator.validate(closedNote.request, HTTP))).message).toBe(
      `misskey.example does not show note ${closedNote.id} (HTTP 400)`,
    )
  })

  it('has no verdict when rate limited or unreachable', async () => {
    const status = proofPost('ivan@mastodon.example')
    const note = proofPost('ivan@misskey.example')
    simulator.state.activitypub.rateLimited = true
    for (const [request, server] of [
      [status.request, 'mastodon.example'],
      [note.request, 'misskey.example'],
    ] as const) {
      const error = await rejection(validator.validate(request, HTTP))
      expect(error).toBeInstanceOf(PlatformUnavailableError)
      expect(error.message).toBe(`activitypub server ${server} answered HTTP 429`)
    }
    const closed = createActivityPubValidator({ urlTemplate: `${await closedPortUrl()}/{server}` })
    expect((await rejection(closed.validate(status.request, HTTP))).message).toBe(
      'activitypub is unreachable (ECONNREFUSED)',
    )
  })

  it('never follows a nodeinfo link to another site', async () => {
    const { request } = proofPost('judy@mastodon.example')
    const fetched: string[] = []
    const context: ValidatorContext = {
      timeoutMs: 1_000,
      fetch: async (input) => {
        fetched.push(String(input))
        const href = 'https://mastodon.example.evil.test/nodeinfo/2.0'
        return Response.json({ links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href }] })
      },
    }
    const direct = createActivityPubValidator({ urlTemplate: 'https://{server}' })
    expect((await rejection(direct.validate(request, context))).message).toBe(
      'mastodon.example points its nodeinfo to another site',
    )
    expect(fetched).toEqual(['https://mastodon.example/.well-known/nodeinfo'])
  })

  it('rejects an identity without a host name and a bad post id, without fetching', async () => {
    const { request } = makeProof({ platform: 'activitypub', identity: 'kim@mastodon.example', proofLocation: '1' })
    for (const identity of ['kim@exa_mple.com', 'kim@-bad.example', 'kim@a..b', 'kim@host:port']) {
      const error = await rejection(validator.validate({ ...request, identity }, NO_FETCH))
      expect(error.message).toBe('"identity" expected user@server with a host name')
    }
    for (const location of ['', '../1', 'https://mastodon.example/@kim/1', 'a'.repeat(65)]) {
      const error = await rejection(validator.validate({ ...request, proofLocation: location }, NO_FETCH))
      expect(error.message).toBe('"proof_location" expected the id of the status or note')
    }
  })

  it('deletes with the avatar signature alone, without fetching', async () => {
    const { request } = makeProof({ platform: 'activitypub', identity: 'leo@mastodon.example', action: 'delete' })
    expect(await validator.validate(request, NO_FETCH)).toEqual({
      identity: 'leo@mastodon.example',
      altId: '',
      linkSignature: encodeBase64(request.avatarSignature as Uint8Array),
    })
  })
})

describe('the simulated fediverse (platforms.md §3.5)', () => {
  const base = () => `${simulator.url}/activitypub`

  it('serves nodeinfo discovery with absolute links on the same server', async () => {
    const links = await (await fetch(`${base()}/mastodon.example/.well-known/nodeinfo`)).json()
    expect(links).toEqual({
      links: ['2.0', '2.1'].map((version) => ({
        rel: `http://nodeinfo.diaspora.software/ns/schema/${version}`,
        href: `${base()}/mastodon.example/nodeinfo/${version}`,
      })),
    })
    const nodeinfo = await (await fetch(`${base()}/pleroma.example/nodeinfo/2.0`)).json()
    expect(nodeinfo).toMatchObject({ version: '2.0', software: { name: 'pleroma' }, protocols: ['activitypub'] })
    expect((await fetch(`${base()}/pleroma.example/nodeinfo/2.1`)).status).toBe(404)
  })

  it("answers Mastodon's and Misskey's errors in their shapes", async () => {
    const status = await fetch(`${base()}/mastodon.example/api/v1/statuses/1`)
    expect([status.status, await status.json()]).toEqual([404, { error: 'Record not found' }])
    const note = await fetch(`${base()}/misskey.example/api/notes/show`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ noteId: 'nope' }),
    })
    expect([note.status, await note.json()]).toEqual([
      400,
      {
        error: {
          message: 'No such note.',
          code: 'NO_SUCH_NOTE',
          id: '24fcbfc6-2e37-42b6-8388-c29b3861a08d',
          kind: 'client',
        },
      },
    ])
  })
})
