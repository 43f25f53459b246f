import { describe, expect, it } from 'vitest';
import { ErrorLogThrottle } from '../../../platform/error-log-throttle.ts';

describe('ErrorLogThrottle', () => {
  it('logs an error a second for a minute as 6 lines, doubling the gap, counting the rest', () => {
    let t = 0;
    const throttle = new ErrorLogThrottle({ firstIntervalMs: 1000, maxIntervalMs: 300_000, quietResetMs: 60_000 }, () => t);
    const logged: { at: number; suppressed: number }[] = [];
    for (t = 0; t <= 60_000; t += 1000) {
      const a = throttle.admit();
      if (a.log) logged.push({ at: t, suppressed: a.suppressed });
    }
    expect(logged.map((l) => l.at)).toEqual([0, 1000, 3000, 7000, 15_000, 31_000]);
    expect(logged.map((l) => l.suppressed)).toEqual([0, 0, 1, 3, 7, 15]);
  });

  it('caps the gap and starts over after a quiet period', () => {
    let t = 0;
    const throttle = new ErrorLogThrottle({ firstIntervalMs: 1000, maxIntervalMs: 4000, quietResetMs: 10_000 }, () => t);
    const at: number[] = [];
    for (t = 0; t <= 20_000; t += 500) if (throttle.admit().log) at.push(t);
    expect(at).toEqual([0, 1000, 3000, 7000, 11_000, 15_000, 19_000]);
    t = 40_000; // quiet for 20 s: a new outage
    expect(throttle.admit()).toEqual({ log: true, suppressed: 0 });
    t = 40_500;
    expect(throttle.admit().log).toBe(false);
  });
});
