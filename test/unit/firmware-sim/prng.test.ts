import { describe, expect, it } from 'vitest';
import { Prng, StreamBank } from '../../../firmware-sim/random/prng.ts';

describe('seeded PRNG', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    const a = new Prng(1);
    const b = new Prng(1);
    const c = new Prng(2);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives forks that do not depend on how much the parent was used', () => {
    const p1 = new Prng(7);
    const p2 = new Prng(7);
    p2.next();
    p2.next();
    expect(p1.fork('x').next()).toBe(p2.fork('x').next());
    expect(p1.fork('x').next()).not.toBe(p1.fork('y').next());
  });

  it('keeps the arithmetic mean of the skewed log-normal', () => {
    const r = new Prng(3);
    let sum = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) sum += r.lognormalMean(2, 0.5);
    expect(sum / n).toBeCloseTo(2, 1);
  });

  it('keeps per-sensor streams independent in a stream bank', () => {
    const bank = new StreamBank(1, 3);
    const other = new StreamBank(1, 3);
    bank.next(0);
    bank.next(0);
    expect(bank.next(1)).toBe(other.next(1));
  });
});
