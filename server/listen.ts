/**
 * Serves a Hono app over HTTP (@hono/node-server) and closes it gracefully: stop accepting, let
 * requests in flight finish, drop idle keep-alive connections, and after `graceMs` cut the rest.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'

export type Listening = {
  /** e.g. http://127.0.0.1:8787, with the port actually bound (port 0 picks a free one). */
  url: string
  close(): Promise<void>
}

/** Starts listening on host:port; resolves once bound, rejects when the port is taken. */
export function listen(app: Hono, host: string, port: number, graceMs = 10_000): Promise<Listening> {
  return new Promise((resolve, reject) => {
    // Keep Node's own Request/Response globals: other code in the process relies on them.
    const server = serve({ fetch: app.fetch, hostname: host, port, overrideGlobalObjects: false })
    server.once('error', reject)
    server.once('listening', () => {
      server.off('error', reject)
      const { port: bound } = server.address() as AddressInfo
      let closing: Promise<void> | undefined
      resolve({
        url: `http://${urlHost(host)}:${bound}`,
        close: () => {
          closing ??= closeGracefully(server as Server, graceMs)
          return closing
        },
      })
    })
  })
}

function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Connections that finish their request go idle; close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 50)
    const cut = setTimeout(() => server.closeAllConnections(), graceMs)
    server.close((error) => {
      clearInterval(sweep)
      clearTimeout(cut)
      error ? reject(error) : resolve()
    })
    server.closeIdleConnections()
  })
}

/** The host to put in a URL for a bound address: wildcards become loopback, IPv6 gets brackets. */
export function urlHost(host: string): string {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}
