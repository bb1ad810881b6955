/**
 * The web platform APIs that exist alike in an MV3 service worker, an extension page and Node 20,
 * declared here so that `tsconfig.src.json` (no DOM, no Node types) proves src/ uses nothing else.
 * Only what src/ uses is declared; add to it only an API all three runtimes have.
 */

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean })
  decode(input?: Uint8Array): string
}

declare var console: {
  log(...data: unknown[]): void
  warn(...data: unknown[]): void
  error(...data: unknown[]): void
}

declare function setTimeout(handler: () => void, milliseconds?: number): unknown
declare function clearTimeout(id: unknown): void

declare class URL {
  constructor(url: string, base?: string | URL)
  readonly href: string
  readonly origin: string
  readonly protocol: string
  readonly host: string
  readonly hostname: string
  readonly pathname: string
  readonly search: string
  readonly hash: string
  readonly searchParams: URLSearchParams
  toString(): string
}
declare class URLSearchParams {
  constructor(init?: Record<string, string> | string | [string, string][])
  append(name: string, value: string): void
  get(name: string): string | null
  set(name: string, value: string): void
  toString(): string
}

declare class AbortController {
  readonly signal: AbortSignal
  abort(reason?: unknown): void
}
declare class AbortSignal {
  readonly aborted: boolean
  readonly reason: unknown
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void
  removeEventListener(type: 'abort', listener: () => void): void
}

declare class Headers {
  constructor(init?: Record<string, string>)
  get(name: string): string | null
}
declare class Response {
  readonly status: number
  readonly ok: boolean
  readonly headers: Headers
  text(): Promise<string>
}
interface RequestInit {
  method?: string
  headers?: Record<string, string>
  body?: string
  signal?: AbortSignal
}
declare function fetch(input: string, init?: RequestInit): Promise<Response>

type BufferSource = ArrayBuffer | ArrayBufferView<ArrayBuffer>
interface CryptoKey {
  readonly type: string
  readonly extractable: boolean
  readonly algorithm: unknown
  readonly usages: string[]
}
interface SubtleCrypto {
  importKey(
    format: 'raw',
    keyData: BufferSource,
    algorithm: string | { name: string },
    extractable: boolean,
    keyUsages: string[],
  ): Promise<CryptoKey>
  deriveBits(
    algorithm: { name: 'PBKDF2'; salt: BufferSource; iterations: number; hash: string },
    baseKey: CryptoKey,
    length: number,
  ): Promise<ArrayBuffer>
  deriveKey(
    algorithm: { name: 'PBKDF2'; salt: BufferSource; iterations: number; hash: string },
    baseKey: CryptoKey,
    derivedKeyType: { name: string; length: number },
    extractable: boolean,
    keyUsages: string[],
  ): Promise<CryptoKey>
  exportKey(format: 'raw', key: CryptoKey): Promise<ArrayBuffer>
  encrypt(
    algorithm: { name: 'AES-GCM'; iv: BufferSource; additionalData?: BufferSource },
    key: CryptoKey,
    data: BufferSource,
  ): Promise<ArrayBuffer>
  decrypt(
    algorithm: { name: 'AES-GCM'; iv: BufferSource; additionalData?: BufferSource },
    key: CryptoKey,
    data: BufferSource,
  ): Promise<ArrayBuffer>
}
declare var crypto: {
  readonly subtle: SubtleCrypto
  getRandomValues<T extends Uint8Array>(array: T): T
  randomUUID(): string
}
