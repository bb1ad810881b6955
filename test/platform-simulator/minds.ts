/**
 * Runs in: tests (Node). Minds' `GET /api/v2/entities/?urns=urn:activity:<id>&as_activities=0&export_user_counts=false`
 * in its real wire format (platforms.md §3.6): `{"status":"success","entities":[…]}`, an empty
 * `entities` for a missing post. The 429 body is UNCONFIRMED; only its status matters.
 */
import { Hono } from 'hono'
import type { SimulatedPlatform } from './simulated-platform.js'

export type SimulatedMindsOwner = { guid: string; username: string; name: string }
export type SimulatedMindsActivity = { guid: string; message: string; owner: SimulatedMindsOwner }

const URN = /^urn:activity:(\d{1,20})$/

/** What tests post on the simulated Minds, and its failure switches. */
export class MindsState {
  /** When on, every request gets 429. */
  rateLimited = false
  /** The full URLs (path and query) of the requests received, oldest first. */
  readonly requests: string[] = []
  readonly #activities = new Map<string, SimulatedMindsActivity>()
  #nextGuid = 1_600_000_000_000_000_000n

  /** Posts an activity (with a fresh guid unless one is given) and returns it. */
  postActivity(activity: { message: string; owner: SimulatedMindsOwner; guid?: string }): SimulatedMindsActivity {
    this.#nextGuid += 1n
    const stored = { ...activity, guid: activity.guid ?? this.#nextGuid.toString() }
    this.#activities.set(stored.guid, stored)
    return stored
  }

  /** Deletes an activity: the entities list then comes back empty. */
  deleteActivity(guid: string): void {
    this.#activities.delete(guid)
  }

  activity(guid: string): SimulatedMindsActivity | undefined {
    return this.#activities.get(guid)
  }
}

/** The simulated Minds site; mount it at `/minds` and use that as MINDS_API_URL. */
export function createMindsSimulator(): SimulatedPlatform<MindsState> {
  const state = new MindsState()
  const app = new Hono()
  // The real URL has a trailing slash; the combined app matches paths strictly, so both are served.
  app.on('GET', ['/api/v2/entities', '/api/v2/entities/'], (c) => {
    state.requests.push(c.req.path + new URL(c.req.url).search)
    if (state.rateLimited) return c.json({ status: 'error', message: 'You are being rate limited' }, 429)
    const urns = (c.req.query('urns') ?? '').split(',').filter((urn) => urn !== '')
    if (urns.length === 0) return c.json({ status: 'error', message: 'urns must be provided' }, 400)
    const entities = urns.flatMap((urn) => {
      const activity = state.activity(URN.exec(urn)?.[1] ?? '')
      return activity ? [entityBody(activity)] : []
    })
    return c.json({ status: 'success', entities })
  })
  return { prefix: '/minds', app, state, config: (mountUrl) => ({ minds: { apiUrl: mountUrl } }) }
}

// Minds writes timestamps and counters as strings (`validator/minds/minds.go` structs).
function entityBody(activity: SimulatedMindsActivity): object {
  return {
    guid: activity.guid,
    type: 'activity',
    subtype: '',
    time_created: '1705413052',
    time_updated: '1705413052',
    owner_guid: activity.owner.guid,
    message: activity.message,
    access_id: '2',
    ownerObj: {
      guid: activity.owner.guid,
      type: 'user',
      time_created: '1600000000',
      username: activity.owner.username,
      name: activity.owner.name,
      briefdescription: '',
    },
  }
}
