/**
 * Per-call latency of an async function: warm-up, then `iterations` timed
 * calls, each timed alone with hrtime, reported as percentiles in µs.
 * Benchmarks that compare run their variants interleaved in one process, so
 * machine noise hits both sides alike.
 */
export interface Latency {
  p50: number;
  p99: number;
  mean: number;
}

export async function measure(fn: () => Promise<unknown>, iterations = 20_000, warmup = 2_000): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(iterations - 1, Math.floor(q * iterations))]!;
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / iterations };
}

/** Runs the variants in alternating rounds and keeps, per variant, the median round. */
export async function compare(variants: Record<string, () => Promise<unknown>>, rounds = 3, iterations = 20_000): Promise<Record<string, Latency>> {
  const runs: Record<string, Latency[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(variants)) runs[name]!.push(await measure(fn, iterations));
  }
  return Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [name, [...list].sort((a, b) => a.p50 - b.p50)[Math.floor(list.length / 2)]!]),
  );
}

export function row(name: string, l: Latency): string {
  return `  ${name.padEnd(48)} p50 ${l.p50.toFixed(2).padStart(8)} µs   p99 ${l.p99.toFixed(2).padStart(8)} µs`;
}
