/**
 * A lean keep-alive HTTP/1.1 client for the load generator. node:http costs the generator less
 * CPU per request than fetch (undici), and on two cores the generator competes with the server
 * and PostgreSQL for every cycle.
 */
import http from 'node:http'

export type HttpAnswer = { status: number; body: string }

export type HttpClient = {
  get(path: string): Promise<HttpAnswer>
  postJson(path: string, body: string): Promise<HttpAnswer>
  close(): void
}

/** A client for one base URL, with at most `maxSockets` connections kept open. */
export function createHttpClient(baseUrl: string, maxSockets: number): HttpClient {
  const url = new URL(baseUrl)
  const agent = new http.Agent({ keepAlive: true, maxSockets })
  const send = (method: string, path: string, body?: string) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders =
        body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }
      const request = http.request({ host: url.hostname, port: url.port, method, path, agent, headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        response.on('error', reject)
      })
      request.on('error', reject)
      request.end(body)
    })
  return {
    get: (path) => send('GET', path),
    postJson: (path, body) => send('POST', path, body),
    close: () => agent.destroy(),
  }
}
