/**
 * Side-by-side latency: the variants run interleaved in blocks, in one
 * process, so machine noise hits every side alike. Each call is timed alone
 * with hrtime; results are percentiles in µs, per round, and the median round
 * is reported.
 */
export interface Latency {
  p50: number;
  p99: number;
}

const BLOCK = 500;

export function percentiles(samples: readonly number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

async function timeBlock(fn: () => Promise<unknown>, count: number, out: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1000);
  }
}

export async function compare(
  variants: Record<string, () => Promise<unknown>>,
  { iterations = 20_000, warmup = 2_000, rounds = 3 }: { iterations?: number; warmup?: number; rounds?: number } = {},
): Promise<Record<string, Latency>> {
  const names = Object.keys(variants);
  for (const name of names) await timeBlock(variants[name]!, warmup, []);
  const perRound: Record<string, Latency[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    for (let done = 0; done < iterations; done += BLOCK) {
      for (const name of names) await timeBlock(variants[name]!, Math.min(BLOCK, iterations - done), samples[name]!);
    }
    for (const name of names) perRound[name]!.push(percentiles(samples[name]!));
  }
  return Object.fromEntries(names.map((n) => [n, [...perRound[n]!].sort((a, b) => a.p50 - b.p50)[Math.floor(rounds / 2)]!]));
}

export function row(name: string, l: Latency, unit = "µs"): string {
  return `  ${name.padEnd(52)} p50 ${l.p50.toFixed(2).padStart(9)} ${unit}   p99 ${l.p99.toFixed(2).padStart(9)} ${unit}`;
}

export function added(name: string, variant: Latency, baseline: Latency): string {
  return `  ${name.padEnd(52)} p50 ${(variant.p50 - baseline.p50).toFixed(2).padStart(9)} µs   p99 ${(variant.p99 - baseline.p99).toFixed(2).padStart(9)} µs`;
}
