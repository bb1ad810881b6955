/**
 * Test helper for platform-lifecycle.test.ts: one case per network platform (ActivityPub once per
 * server software), saying how a user publishes the proof on the platform simulator, where it then
 * lives (`proof_location`), how it disappears, and what the server answers when it is gone. Every
 * case has its own fixed avatar key, so each chain holds only that case's links. Test use only.
 */

import { avatarId, getPublicKey } from '../../../../src/crypto/index.js'
import type { Platform } from '../../../../src/protocol/index.js'
import { discordAuthor } from '../../../platform-simulator/discord.js'
import type { PlatformSimulatorState } from '../../../platform-simulator/index.js'

/** A proof put on the simulator by `publish`. */
export type Published = {
  /** What POST /v1/proof needs as `proof_location`; `""` when the server finds the proof itself. */
  location: string
  /** Takes the proof down again (deletes the post, the record, the file …). */
  unpublish(): void
}

/** What a submission whose proof was taken down was about. */
export type Gone = { location: string; avatar: string; uuid: string }

export type PlatformCase = {
  label: string
  platform: Platform
  /** As the user types it. */
  identity: string
  /** As the server stores and shows it (normalised, §5.3; Steam: the SteamID64). */
  stored: string
  /** The platform's own id of the account the server records. */
  altId: string
  /** More searches that must find the binding (e.g. the alt_id in the case the user types). */
  lookups?: string[]
  /** Creates the accounts, servers and domains the case needs on a fresh simulator. */
  setup(state: PlatformSimulatorState): void
  /** Publishes the filled-in post text for `avatar`. */
  publish(state: PlatformSimulatorState, post: string, avatar: string): Published
  /** The validator's message (the 400 body) once the proof was taken down. */
  goneMessage(gone: Gone): string
  /** The post as src/verify's verifyProofPost takes it (DNS: the strings of the TXT record). */
  postToVerify?(post: string): string | string[]
}

const DISCORD_GUILD = '960708146706395176'
const DISCORD_CHANNEL = '960708146706395179'
const DISCORD_USER = discordAuthor('981234567890123456', 'Alice', '1234')
const MINDS_OWNER = { guid: '1500000000000000123', username: 'MindsAlice', name: 'Alice' }
const STEAM_ID64 = '76561198092541763'
const DNS_DOMAIN = 'lifecycle.example'

function activityPubCase(software: 'mastodon' | 'pleroma' | 'misskey', username: string): PlatformCase {
  const server = `${software}.example`
  const accountId = `${software}-account-7`
  return {
    label: `activitypub (${software})`,
    platform: 'activitypub',
    identity: `@${username}@${server}`,
    stored: `${username}@${server}`,
    altId: accountId,
    setup: (state) => state.activitypub.addServer(server, software, software === 'mastodon' ? ['2.0', '2.1'] : ['2.0']),
    publish: (state, text) => {
      const { id } = state.activitypub.publish(server, { accountId, username, text })
      return { location: id, unpublish: () => state.activitypub.delete(server, id) }
    },
    goneMessage: ({ location }) =>
      software === 'misskey' ? `${server} note not found: ${location}` : `${server} status not found: ${location}`,
  }
}

/** Every network platform the server registers; Ethereum and Solana live in binding-lifecycle.test.ts. */
export const PLATFORM_CASES: readonly PlatformCase[] = [
  {
    label: 'twitter',
    platform: 'twitter',
    identity: 'Alice_NextID',
    stored: 'alice_nextid',
    altId: '1467726470533754880',
    setup: (state) => state.twitter.addUser({ id: '1467726470533754880', username: 'Alice_NextID' }),
    publish: (state, text) => {
      const { id } = state.twitter.publishTweet({ text, authorId: '1467726470533754880' })
      return { location: id, unpublish: () => state.twitter.deleteTweet(id) }
    },
    goneMessage: ({ location }) => `tweet not found: ${location}`,
  },
  {
    label: 'github',
    platform: 'github',
    identity: 'Octo-Alice',
    stored: 'octo-alice',
    altId: '583231',
    setup: () => {},
    publish: (state, text, avatar) => {
      const owner = { login: 'Octo-Alice', id: 583231 }
      // The gist's file is named after the avatar (§6.2).
      const id = state.github.publishGist({ owner, files: { [`${avatar}.json`]: text } })
      return { location: id, unpublish: () => state.github.deleteGist(id) }
    },
    goneMessage: ({ location }) => `gist not found: ${location}`,
  },
  {
    label: 'keybase',
    platform: 'keybase',
    identity: 'Alice_KB',
    stored: 'alice_kb',
    altId: 'alice_kb',
    setup: () => {},
    publish: (state, text, avatar) => {
      state.keybase.publishProof('alice_kb', avatar, text)
      return { location: '', unpublish: () => state.keybase.removeFile('alice_kb', `NextID/${avatar}.json`) }
    },
    goneMessage: ({ avatar }) => `keybase file not found: NextID/${avatar}.json of alice_kb`,
  },
  {
    label: 'dns',
    platform: 'dns',
    identity: 'Lifecycle.Example',
    stored: DNS_DOMAIN,
    altId: '',
    // The domain has other TXT records (SPF) that are no proofs.
    setup: (state) => state.dns.addTxt(DNS_DOMAIN, 'v=spf1 -all'),
    publish: (state, text) => {
      state.dns.addTxt(DNS_DOMAIN, text)
      return {
        location: '',
        unpublish: () => {
          state.dns.removeDomain(DNS_DOMAIN)
          state.dns.addTxt(DNS_DOMAIN, 'v=spf1 -all')
        },
      }
    },
    goneMessage: ({ uuid }) => `no Next.ID TXT record for uuid ${uuid} at ${DNS_DOMAIN}`,
    postToVerify: (post) => [post],
  },
  {
    label: 'discord',
    platform: 'discord',
    // A legacy tag: case-sensitive, stored and matched as typed (§15 #13).
    identity: 'Alice#1234',
    stored: 'Alice#1234',
    altId: DISCORD_USER.id,
    setup: () => {},
    publish: (state, content) => {
      const { id } = state.discord.postMessage({ channelId: DISCORD_CHANNEL, content, author: DISCORD_USER })
      return {
        location: `https://discord.com/channels/${DISCORD_GUILD}/${DISCORD_CHANNEL}/${id}`,
        unpublish: () => state.discord.deleteMessage(DISCORD_CHANNEL, id),
      }
    },
    goneMessage: ({ location }) => `discord message not found: ${location.split('/').slice(-2).join('/')}`,
  },
  {
    label: 'dotbit',
    platform: 'dotbit',
    identity: 'Lifecycle.bit',
    stored: 'lifecycle.bit',
    altId: '',
    setup: (state) => state.dotbit.register('lifecycle.bit'),
    publish: (state, value) => {
      state.dotbit.setProfileRecord('lifecycle.bit', 'nextid', value)
      return { location: '', unpublish: () => state.dotbit.removeRecords('lifecycle.bit', 'nextid') }
    },
    goneMessage: ({ avatar }) => `.bit account lifecycle.bit has no nextid record for avatar ${avatar}`,
  },
  {
    label: 'minds',
    platform: 'minds',
    identity: 'MindsAlice',
    stored: 'mindsalice',
    altId: MINDS_OWNER.guid,
    setup: () => {},
    publish: (state, message) => {
      const { guid } = state.minds.postActivity({ message, owner: MINDS_OWNER })
      return { location: guid, unpublish: () => state.minds.deleteActivity(guid) }
    },
    goneMessage: ({ location }) => `minds post not found: ${location}`,
  },
  {
    label: 'steam',
    platform: 'steam',
    // A custom URL: the server resolves it and stores the SteamID64 (§5.2), the custom URL as alt_id,
    // lowercased as searches are (Steam's custom URLs ignore case), so any spelling finds it.
    identity: 'Lifecycle-Steam',
    stored: STEAM_ID64,
    altId: 'lifecycle-steam',
    lookups: ['Lifecycle-Steam', 'LIFECYCLE-STEAM'],
    setup: (state) =>
      state.steam.setProfile({
        steamId64: STEAM_ID64,
        customUrl: 'Lifecycle-Steam',
        personaName: 'Alice',
        summary: 'gg',
      }),
    publish: (state, proof) => {
      state.steam.setSummary(STEAM_ID64, `i like ash\n${proof}\ngg`)
      return { location: '', unpublish: () => state.steam.setSummary(STEAM_ID64, 'gg') }
    },
    goneMessage: () => 'steam profile summary has no "NextID proof: <signature>:" entry',
  },
  activityPubCase('mastodon', 'alice'),
  activityPubCase('pleroma', 'bob'),
  activityPubCase('misskey', 'carol'),
]

/** A fixed private key per case (test use only), and its avatar id. */
export function caseAvatar(index: number): { key: Uint8Array; avatar: string } {
  const key = new Uint8Array(32).fill(0x31 + index)
  return { key, avatar: avatarId(getPublicKey(key)) }
}
