import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const sendMessage = vi.fn()
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage: (...args: unknown[]) => sendMessage(...args) } },
}))

const { createBackgroundClient, REPLY_TIMEOUT_MS } = await import('./client.js')

type Api = {
  getStatus: { params: undefined; result: string }
  connectWallet: { params: { walletId: string }; result: string }
}

describe('createBackgroundClient', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    sendMessage.mockReset()
  })

  it('returns the result of a reply and throws the background’s code for an error reply', async () => {
    const call = createBackgroundClient<Api>('popup')
    sendMessage.mockResolvedValueOnce({ channel: 'nextid-companion', ok: true, result: 'fine' })
    await expect(call('getStatus')).resolves.toBe('fine')
    sendMessage.mockResolvedValueOnce({
      channel: 'nextid-companion',
      ok: false,
      error: { code: 'LOCKED', message: 'x' },
    })
    await expect(call('getStatus')).rejects.toMatchObject({ code: 'LOCKED' })
  })

  it('gives up with NO_REPLY when a suspended background never answers, later for calls waiting on a wallet', async () => {
    const call = createBackgroundClient<Api>('popup', { connectWallet: 10 * REPLY_TIMEOUT_MS })
    sendMessage.mockReturnValue(new Promise(() => undefined))
    const status = call('getStatus')
    const wallet = call('connectWallet', { walletId: 'w' })
    let walletSettled = false
    void wallet.catch(() => undefined).finally(() => (walletSettled = true))
    const statusFailed = expect(status).rejects.toMatchObject({ code: 'NO_REPLY' })
    await vi.advanceTimersByTimeAsync(REPLY_TIMEOUT_MS)
    await statusFailed
    expect(walletSettled).toBe(false)
    await vi.advanceTimersByTimeAsync(9 * REPLY_TIMEOUT_MS)
    await expect(wallet).rejects.toMatchObject({ code: 'NO_REPLY' })
  })
})
