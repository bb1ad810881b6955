/**
 * Benchmark experiment only, never the server's configuration: `node --import <this file>` makes
 * src/crypto/personal-sign.ts recover public keys with native libsecp256k1 instead of noble, to
 * measure what the write path would gain. Every other module keeps the real noble.
 */
import { register } from 'node:module'

register('./hooks.mjs', import.meta.url)
