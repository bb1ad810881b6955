/**
 * Test helper: how much longer `parse` takes on an input 4× as long. Linear work gives about 4,
 * quadratic about 16; a ratio is compared, never a wall time, so a busy machine does not flake it.
 * Each size is timed several times and the fastest run kept, after one warm-up for the JIT.
 */
export function growthRatio(makeInput: (length: number) => string, parse: (input: string) => unknown, n: number) {
  const small = makeInput(n)
  const large = makeInput(4 * n)
  const fastest = (input: string) => {
    let best = Number.POSITIVE_INFINITY
    for (let run = 0; run < 5; run++) {
      const started = performance.now()
      parse(input)
      best = Math.min(best, performance.now() - started)
    }
    return best
  }
  parse(small)
  return fastest(large) / Math.max(fastest(small), 0.05)
}
