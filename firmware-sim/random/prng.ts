/**
 * Seeded pseudo-random numbers (sfc32, 128-bit state). Every random choice in the simulator draws
 * from one of these, passed in explicitly, so a seed reproduces a run exactly; Math.random is never
 * used. `fork(label)` gives an independent stream, so adding a sensor or reordering work does not
 * shift the numbers another component sees.
 */

/** 32-bit string/number hash (FNV-1a followed by a murmur finaliser) used to derive stream seeds. */
export function hash32(input: string | number, seed = 0x811c9dc5): number {
  const s = String(input);
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fill four 32-bit words of sfc32 state from a seed and a stream label. */
export function seedState(seed: number | string, label: string | number, out: Uint32Array = new Uint32Array(4), offset = 0): Uint32Array {
  const base = hash32(`${seed}`);
  out[offset] = hash32(label, base);
  out[offset + 1] = hash32(label, base ^ 0x9e3779b9);
  out[offset + 2] = hash32(label, base ^ 0x7f4a7c15);
  out[offset + 3] = 1;
  // Warm up so that similar labels diverge.
  for (let i = 0; i < 12; i++) sfc32Next(out, offset);
  return out;
}

/** One sfc32 step on state words `state[o..o+3]`; returns a float in [0, 1). */
export function sfc32Next(state: Uint32Array, o: number): number {
  let a = state[o], b = state[o + 1], c = state[o + 2], d = state[o + 3];
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = ((c << 21) | (c >>> 11)) >>> 0;
  c = (c + t) >>> 0;
  state[o] = a; state[o + 1] = b; state[o + 2] = c; state[o + 3] = d;
  return t / 4294967296;
}

export class Prng {
  private readonly state: Uint32Array;
  readonly seed: number | string;

  constructor(seed: number | string, label: string | number = 'root') {
    this.seed = seed;
    this.state = seedState(seed, label);
  }

  /** An independent stream for a named part (e.g. `fork('placement')`, `fork('sensor:12')`). */
  fork(label: string | number): Prng {
    return new Prng(`${this.seed}/${label}`, label);
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return sfc32Next(this.state, 0);
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  normal(mean = 0, sd = 1): number {
    return mean + sd * standardNormal(() => this.next());
  }

  /** Log-normal with the given arithmetic mean and log-space sigma (right-skewed, mean preserved). */
  lognormalMean(mean: number, sigma: number): number {
    return mean * Math.exp(sigma * standardNormal(() => this.next()) - (sigma * sigma) / 2);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** Hex string of `bytes` random bytes (upper case, as DevEUIs are usually written). */
  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i++) out += Math.floor(this.next() * 256).toString(16).padStart(2, '0');
    return out.toUpperCase();
  }
}

/** Box-Muller; draws two uniforms. */
export function standardNormal(u: () => number): number {
  const u1 = 1 - u();
  const u2 = u();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Many independent streams in one typed array (4 words each): the fleet keeps one stream per sensor
 * without an object per sensor, which matters at 100,000 sensors.
 */
export class StreamBank {
  private readonly state: Uint32Array;

  constructor(seed: number | string, count: number, label = 'stream') {
    this.state = new Uint32Array(count * 4);
    for (let i = 0; i < count; i++) seedState(seed, `${label}:${i}`, this.state, i * 4);
  }

  next(i: number): number {
    return sfc32Next(this.state, i * 4);
  }

  normal(i: number, mean = 0, sd = 1): number {
    return mean + sd * standardNormal(() => sfc32Next(this.state, i * 4));
  }

  chance(i: number, p: number): boolean {
    return sfc32Next(this.state, i * 4) < p;
  }
}
