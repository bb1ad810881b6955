/**
 * Test helper: how much longer `parse` takes on an input 4× as long. Linear work gives about 4,
 * quadratic about 16; a ratio is compared, never a wall time.
 *
 * A busy machine (the other test worker on the same core, a GC pause) only ever adds time, so:
 * small and large inputs are timed in turns, so that both see the same conditions; each keeps its
 * fastest run; and of a few rounds the lowest ratio is kept. Noise cannot make quadratic work look
 * linear — that would need every run of the small input slowed and none of the large one.
 */
export function growthRatio(makeInput: (length: number) => string, parse: (input: string) => unknown, n: number) {
  const small = makeInput(n)
  const large = makeInput(4 * n)
  // One warm-up each for the JIT.
  parse(small)
  parse(large)
  let lowest = Number.POSITIVE_INFINITY
  for (let round = 0; round < 3; round++) {
    let fastestSmall = Number.POSITIVE_INFINITY
    let fastestLarge = Number.POSITIVE_INFINITY
    for (let run = 0; run < 5; run++) {
      fastestSmall = Math.min(fastestSmall, timeOf(parse, small))
      fastestLarge = Math.min(fastestLarge, timeOf(parse, large))
    }
    lowest = Math.min(lowest, fastestLarge / Math.max(fastestSmall, 0.05))
  }
  return lowest
}

function timeOf(parse: (input: string) => unknown, input: string): number {
  const started = performance.now()
  parse(input)
  return performance.now() - started
}
