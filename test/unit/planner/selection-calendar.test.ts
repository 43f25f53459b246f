import { describe, expect, it } from 'vitest';
import { StraightLineProvider } from '../../../optimizer/routing/index.ts';
import {
  DEFAULT_POLICY, explainDecision, localInstantMs, optimizerSolver, runPlanningPipeline, selectVisits,
} from '../../../planner/index.ts';
import type { PlanDay, PlanningContainer, PlanningInput, PlanningVehicle } from '../../../planner/index.ts';
import type { CollectionCalendar } from '../../../registry/collection-calendar.ts';
import { linearOutlook, type LinearOutlookOptions } from './support/linear-outlook.ts';

const TZ = 'Europe/Amsterdam';
const MON_FRI: CollectionCalendar = { weekdays: {}, exceptions: [] };
const day = (date: string, calendar: CollectionCalendar = MON_FRI): PlanDay => ({ date, timeZone: TZ, calendar });
// The plan is made at 06:00 local; trucks work 07:00–15:30.
const asOf = (date: string) => localInstantMs(date, 6 * 3600, TZ);
const vehicle = (id: string): PlanningVehicle => ({
  id, depotId: 'd1', depotLocation: [7.42, 43.735], capacityKg: 10_000, capacityM3: 20, compactionFactor: 2,
  fractions: ['residual', 'paper'], shiftStartS: 7 * 3600, shiftEndS: 15.5 * 3600, costPerKm: 1, costPerHour: 30,
});
const vehicles = [vehicle('v1')];
const container = (id: string, o: Partial<PlanningContainer> = {}): PlanningContainer => ({
  id, location: [7.421, 43.736], fraction: 'residual', volumeM3: 3, serviceS: 120, fillLevel: null, ...o,
});
const withOutlook = (id: string, date: string, o: Omit<LinearOutlookOptions, 'asOfMs'>, extra: Partial<PlanningContainer> = {}) =>
  container(id, { fillLevel: o.fillNow, outlook: linearOutlook({ asOfMs: asOf(date), ...o }), ...extra });

function decide(containers: PlanningContainer[], planDay: PlanDay, policy = DEFAULT_POLICY) {
  const { selected, decisions } = selectVisits({ containers, policy, day: planDay, vehicles });
  return { selected, decisions, byId: new Map(decisions.map((d) => [d.containerId, d])) };
}

// 2026-12-01 is a Tuesday.
describe('selection that knows the calendar (Monday–Friday when none is set)', () => {
  it('a container that will pass its must line over the weekend is a must on Friday, not on Tuesday', () => {
    const friday = decide([withOutlook('c', '2026-12-04', { fillNow: 0.6, ratePerDay: 0.08 })], day('2026-12-04'));
    expect(friday.byId.get('c')).toMatchObject({ kind: 'must', code: 'must.forecast', params: { fill: 60, next: '2026-12-07', must: 80 } });
    expect(friday.selected.map((s) => [s.container.id, s.required])).toEqual([['c', true]]);
    expect(explainDecision(friday.byId.get('c')!, 'nl', TZ)).toBe('60 % nu, 80 % zondag 18:00, volgende rit maandag 7 dec → moet');
    expect(explainDecision(friday.byId.get('c')!, 'en', TZ)).toBe('60 % now, 80 % Sunday 18:00, next round Monday 7 Dec → must');

    const over = decide([withOutlook('o', '2026-12-04', { fillNow: 0.85, ratePerDay: 0.02 })], day('2026-12-04')).byId.get('o')!;
    expect(explainDecision(over, 'nl', TZ)).toBe('85 % nu, boven 80 %, volgende rit maandag 7 dec → moet');

    const tuesday = decide([withOutlook('c', '2026-12-01', { fillNow: 0.6, ratePerDay: 0.08 })], day('2026-12-01'));
    expect(tuesday.byId.get('c')).toMatchObject({ kind: 'skip', code: 'skip.forecast', params: { next: '2026-12-02', fillNext: 71 } });
    expect(tuesday.selected).toEqual([]);
  });

  it('is optional, with a prize from the saved visit, when it will likely be a must the round after next', () => {
    const { byId, selected } = decide([withOutlook('c', '2026-12-01', { fillNow: 0.6, ratePerDay: 0.09 })], day('2026-12-01'));
    const d = byId.get('c')!;
    expect(d).toMatchObject({ kind: 'optional', code: 'optional.forecast', params: { next: '2026-12-02', after: '2026-12-03' } });
    const pAfter = Number(d.params.probabilityAfter) / 100;
    expect(pAfter).toBeGreaterThan(0.5);
    expect(pAfter).toBeLessThan(0.95);
    // prize = prizePerFill × fill expected at collection (11:15) × P(must the round after next)
    expect(selected[0]!.prize).toBeCloseTo(DEFAULT_POLICY.prizePerFill * (0.6 + 0.09 * (5.25 / 24)) * pAfter, 0);
    expect(selected[0]!.required).toBe(false);
  });

  it('a holiday moves the next round: must the day before, skipped on the day itself, with its name', () => {
    const calendar: CollectionCalendar = { weekdays: {}, exceptions: [{ date: '2026-12-03', collect: false, name: 'Sinterklaas' }] };
    const c = (date: string) => [withOutlook('slow', date, { fillNow: 0.5, ratePerDay: 0.15 }), withOutlook('full', date, { fillNow: 0.82, ratePerDay: 0.135 })];
    const normal = decide(c('2026-12-02'), day('2026-12-02'));
    expect(normal.byId.get('slow')!.kind).toBe('optional');
    const before = decide(c('2026-12-02'), day('2026-12-02', calendar));
    expect(before.byId.get('slow')).toMatchObject({ kind: 'must', params: { next: '2026-12-04' } });
    expect(explainDecision(before.byId.get('full')!, 'nl', TZ)).toBe('82 % nu, vol donderdag 14:00, volgende rit vrijdag 4 dec → moet');
    const onTheDay = decide(c('2026-12-03'), day('2026-12-03', calendar));
    expect(onTheDay.selected).toEqual([]);
    expect(onTheDay.byId.get('full')).toMatchObject({ kind: 'skip', code: 'skip.no-collection-day', params: { holiday: 'Sinterklaas', next: '2026-12-04' } });
    expect(explainDecision(onTheDay.byId.get('full')!, 'nl', TZ)).toBe('geen inzameling restafval vandaag (Sinterklaas), volgende rit vrijdag 4 dec → overslaan');
  });

  it('weekday rules per fraction: paper on Tuesdays only looks a week ahead', () => {
    const calendar: CollectionCalendar = { weekdays: { paper: [2] }, exceptions: [] };
    const o = { fillNow: 0.4, ratePerDay: 0.07 };
    const tue = decide([withOutlook('p', '2026-12-01', o, { fraction: 'paper' }), withOutlook('r', '2026-12-01', o)], day('2026-12-01', calendar));
    expect(tue.byId.get('p')).toMatchObject({ kind: 'must', params: { next: '2026-12-08' } });
    expect(tue.byId.get('r')).toMatchObject({ kind: 'skip', params: { next: '2026-12-02' } });
    const wed = decide([withOutlook('p', '2026-12-02', o, { fraction: 'paper' })], day('2026-12-02', calendar));
    expect(wed.byId.get('p')).toMatchObject({ kind: 'skip', code: 'skip.no-collection-day', params: { next: '2026-12-08', holiday: null } });
  });

  it('fire is an emergency dispatch, not a routine stop; an overflow alert makes a must', () => {
    const { byId, selected } = decide([
      withOutlook('f', '2026-12-01', { fillNow: 0.2, ratePerDay: 0.05 }, { alerts: ['fire'] }),
      withOutlook('o', '2026-12-01', { fillNow: 0.3, ratePerDay: 0.05 }, { alerts: ['overflow'] }),
    ], day('2026-12-01'));
    expect(byId.get('f')).toMatchObject({ kind: 'emergency', code: 'emergency.fire' });
    expect(explainDecision(byId.get('f')!, 'nl', TZ)).toBe('brandmelding → noodrit, geen gewone stop');
    expect(byId.get('o')).toMatchObject({ kind: 'must', code: 'must.alert-overflow' });
    expect(selected.map((s) => s.container.id)).toEqual(['o']);
  });

  it('a silent sensor falls back to the historic rate and the explanation says so', () => {
    const now = asOf('2026-12-04');
    const { byId } = decide([withOutlook('s', '2026-12-04', {
      fillNow: 0.61, ratePerDay: 0.02, rateSource: 'history', issues: [{ kind: 'silent', sinceMs: now - 3 * 86_400_000 }], lastReadingMs: now - 3 * 86_400_000,
    })], day('2026-12-04'));
    const d = byId.get('s')!;
    expect(d).toMatchObject({ kind: 'skip', params: { source: 'history', issue: 'silent', days: 3 } });
    expect(explainDecision(d, 'nl', TZ)).toBe('sensor 3 dagen stil → historisch tempo: 61 % nu, 68 % bij de volgende rit maandag 7 dec → overslaan');
    expect(explainDecision(d, 'en', TZ)).toMatch(/^sensor silent for 3 days → historic rate: 61 % now/);
  });

  it('thresholds per fraction and container type; without a forecast today\'s fill decides', () => {
    const policy = { ...DEFAULT_POLICY, thresholdsByFraction: { glass: { mustFill: 0.9, mayFill: 0.7, byContainerType: { street: { mustFill: 0.6, mayFill: 0.4 } } } } };
    const { byId } = decide([
      container('gu', { fraction: 'glass', containerType: 'underground', fillLevel: 0.85 }),
      container('gs', { fraction: 'glass', containerType: 'street', fillLevel: 0.65 }),
      container('r', { fillLevel: 0.85 }),
      container('n', { fillLevel: null }),
    ], day('2026-12-01'), policy);
    expect(byId.get('gu')).toMatchObject({ kind: 'optional', code: 'optional.threshold', params: { may: 70 } });
    expect(byId.get('gs')).toMatchObject({ kind: 'must', code: 'must.threshold', params: { must: 60 } });
    expect(byId.get('r')).toMatchObject({ kind: 'must', params: { must: 80 } });
    expect(byId.get('n')).toMatchObject({ kind: 'skip', code: 'skip.no-data' });
  });
});

describe('decisions after the solve', () => {
  it('an unassigned container gets a reason a dispatcher can act on', async () => {
    const residual = Array.from({ length: 30 }, (_, i) => container(`r${i}`, { volumeM3: 5, fillLevel: 0.95, location: [7.42 + i * 0.0004, 43.735] }));
    const input: PlanningInput = {
      containers: [...residual, container('p', { fraction: 'paper', fillLevel: 0.95 })],
      vehicles: [vehicle('v1'), vehicle('v2'), vehicle('v3')],
      facilities: [],
      policy: DEFAULT_POLICY,
      day: day('2026-12-01'),
    };
    const { decisions } = await runPlanningPipeline(input, { routing: new StraightLineProvider(), solver: optimizerSolver, timeLimitMs: 5000, maxIterations: 200, seed: 1 });
    const paper = decisions.find((d) => d.containerId === 'p')!;
    expect(paper).toMatchObject({ kind: 'must', outcome: 'unassigned', unassigned: { code: 'unassigned.no-truck-for-fraction', params: { fraction: 'paper', vehicles: 3, assigned: 'residual=3' } } });
    expect(explainDecision(paper, 'nl', TZ)).toBe('95 % nu, drempel 80 % → moet; niet gepland: geen wagen voor papier vandaag (3 wagens, alle restafval)');
    expect(decisions).toHaveLength(31);
    const planned = decisions.filter((d) => d.outcome === 'planned');
    expect(planned.length).toBeGreaterThan(0);
    for (const d of planned) expect(d.vehicleId).toMatch(/^v[123]$/);
  });
});
