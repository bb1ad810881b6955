/** How long flows keep checking for a published proof, per platform (issue 11). */

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

/** Posts and files usually show within minutes; an hour covers a slow API and X's undo-send. */
export const POST_PATIENCE_MS = HOUR_MS
/** A DNS change can take up to two days to reach every resolver (the TTLs of the old answers). */
export const DNS_PATIENCE_MS = 48 * HOUR_MS
/** A .bit record is written on chain, and its indexer follows behind. */
export const DOTBIT_PATIENCE_MS = 6 * HOUR_MS
