/** The two services answer unknown paths differently (§4.1, §9.1); CORS headers are added by cors(). */
import type { NotFoundHandler } from 'hono'

/** ProofService: 404 `{"message":"not found"}`. */
export const jsonNotFound: NotFoundHandler = (c) => c.json({ message: 'not found' }, 404)

/** KVService: 404 with the plain text `Not Found`, as the reference's router answers. */
export const textNotFound: NotFoundHandler = (c) => c.text('Not Found', 404)
