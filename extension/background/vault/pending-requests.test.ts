import { describe, expect, it } from 'vitest'
import { LockedError } from '../errors.js'
import { createPendingRequests } from './pending-requests.js'

describe('pending requests', () => {
  it('passes results and errors through', async () => {
    const pending = createPendingRequests()
    await expect(pending.track(async () => 7)).resolves.toBe(7)
    await expect(pending.track(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(pending.size).toBe(0)
  })

  it('rejects every request in flight with LOCKED', async () => {
    const pending = createPendingRequests()
    const never = () => new Promise<never>(() => {})
    const one = pending.track(never)
    const two = pending.track(never)
    expect(pending.size).toBe(2)
    expect(pending.rejectAll()).toBe(2)
    await expect(one).rejects.toThrow(LockedError)
    await expect(two).rejects.toMatchObject({ code: 'LOCKED', message: 'the vault is locked' })
    expect(pending.size).toBe(0)
  })

  it('aborts the signal of work already under way, so it stops before it signs or submits', async () => {
    const pending = createPendingRequests()
    let release: () => void = () => {}
    const steps: string[] = []
    const done = pending.track(async (signal) => {
      steps.push('asked for the payload')
      await new Promise<void>((resolve) => {
        release = resolve
      })
      signal.throwIfAborted() // right before signing
      steps.push('signed')
    })
    pending.rejectAll() // the lock comes while the payload is on its way
    await expect(done).rejects.toThrow(LockedError)
    release()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(steps).toEqual(['asked for the payload'])
  })
})
