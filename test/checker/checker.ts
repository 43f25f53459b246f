/**
 * Independent solution checker for tests and benchmarks (capacity per trip between unloads at
 * facilities, unload before the depot, waste fractions per vehicle, trip and facility, daily
 * limits on trips, load and stops, windows, shifts, breaks, limits, allowed vehicles). It
 * deliberately shares no evaluation code
 * with the optimizer (no segments, no `check`): it re-reads the problem's raw matrices and replays
 * every route from scratch, so a bug in the solver's bookkeeping cannot hide itself.
 */
import type { Problem } from '../../optimizer/model/problem.ts';

export interface CheckedRoute {
  readonly vehicle: string;
  /** Job, break and facility (unload) ids in visiting order. */
  readonly stops: readonly string[];
}

/** The checker's own schedule of one route: when each stop is reached and served. */
export interface CheckedSchedule {
  readonly vehicle: string;
  /** Departure from the start (the latest that keeps every stop on time and the route as short). */
  readonly depart: number;
  /** Arrival back at the end location. */
  readonly end: number;
  readonly durationS: number;
  readonly distance: number;
  /** Fixed + distance + hourly cost of this route. */
  readonly cost: number;
  readonly stops: readonly { readonly id: string; readonly arrival: number; readonly serviceStart: number }[];
}

export interface IndependentCheck {
  readonly feasible: boolean;
  readonly errors: string[];
  /** Total distance (matrix units) over all routes. */
  readonly distance: number;
  /** Objective: fixed + per-km + per-hour costs minus prizes of served optional jobs. */
  readonly cost: number;
  readonly vehiclesUsed: number;
  /** One per route that is driven (has jobs, or starts loaded). */
  readonly schedules: readonly CheckedSchedule[];
}

const TOL = 1e-6;

function at(m: Problem['matrix']['durations'], n: number, i: number, j: number): number {
  return m instanceof Float64Array ? m[i * n + j] : m[i][j];
}

/**
 * Replays the routes. `unassigned` lists jobs the solver declared unserved (allowed for optional
 * jobs; a required job there is reported in `errors` only when `requireAll` is set).
 */
export function independentCheck(problem: Problem, routes: readonly CheckedRoute[], requireAll = true): IndependentCheck {
  const errors: string[] = [];
  const n = problem.matrix.size ?? (problem.matrix.durations instanceof Float64Array ? Math.round(Math.sqrt(problem.matrix.durations.length)) : problem.matrix.durations.length);
  const jobsById = new Map(problem.jobs.map((j) => [j.id, j]));
  const facilitiesById = new Map((problem.facilities ?? []).map((f) => [f.id, f]));
  const seen = new Set<string>();
  let distance = 0;
  let cost = 0;
  let used = 0;
  const schedules: CheckedSchedule[] = [];
  for (const route of routes) {
    const vehicle = problem.vehicles.find((v) => v.id === route.vehicle);
    if (!vehicle) {
      errors.push(`route for unknown vehicle ${route.vehicle}`);
      continue;
    }
    const hasJobs = route.stops.some((s) => jobsById.has(s));
    // A truck that starts loaded (re-optimising) drives even without jobs: it must unload.
    const startsLoaded = (vehicle.initialLoad ?? []).some((l) => l > TOL);
    if (!hasJobs && !startsLoaded) continue;
    used++;
    const breaks = new Map((vehicle.breaks ?? []).map((b) => [b.id, b]));
    const breaksTaken = new Set<string>();
    const load = vehicle.capacity.map((_, k) => vehicle.initialLoad?.[k] ?? 0);
    // Latest departure is what the best schedule would use; the checker tries the shift start and
    // then slides the departure as late as the windows allow, by bisection on a replay.
    const replay = (depart: number, report: boolean) => {
      const stops: { id: string; arrival: number; serviceStart: number }[] = [];
      let time = depart;
      let pos = vehicle.start;
      let dist = 0;
      let late = false;
      for (const id of route.stops) {
        const b = breaks.get(id);
        if (b) {
          const s = Math.max(time, b.window[0]);
          if (s > b.window[1] + TOL) {
            late = true;
            if (report) errors.push(`break ${id}: starts ${s} after window end ${b.window[1]}`);
          }
          stops.push({ id, arrival: time, serviceStart: s });
          time = s + b.durationS;
          if (report) breaksTaken.add(id);
          continue;
        }
        const facility = facilitiesById.get(id);
        if (facility && !jobsById.has(id)) {
          time += at(problem.matrix.durations, n, pos, facility.location);
          dist += at(problem.matrix.distances, n, pos, facility.location);
          pos = facility.location;
          const s = Math.max(time, facility.openWindow ? facility.openWindow[0] : -Infinity);
          if (facility.openWindow && s > facility.openWindow[1] + TOL) {
            late = true;
            if (report) errors.push(`facility ${id}: closes ${facility.openWindow[1]}, unloading starts ${s}`);
          }
          stops.push({ id, arrival: time, serviceStart: s });
          time = s + (facility.unloadS ?? 0);
          continue;
        }
        const job = jobsById.get(id);
        if (!job) {
          if (report) errors.push(`unknown stop ${id} on ${vehicle.id}`);
          continue;
        }
        time += at(problem.matrix.durations, n, pos, job.location);
        dist += at(problem.matrix.distances, n, pos, job.location);
        pos = job.location;
        const open = job.timeWindow ? job.timeWindow[0] : -Infinity;
        const close = job.timeWindow ? job.timeWindow[1] : Infinity;
        const s = Math.max(time, open);
        if (s > close + TOL) {
          late = true;
          if (report) errors.push(`job ${id}: time window closes ${close}, service starts ${s}`);
        }
        stops.push({ id, arrival: time, serviceStart: s });
        time = s + (job.serviceS ?? 0);
      }
      const end = vehicle.end ?? vehicle.start;
      time += at(problem.matrix.durations, n, pos, end);
      dist += at(problem.matrix.distances, n, pos, end);
      if (vehicle.shift && time > vehicle.shift[1] + TOL) {
        late = true;
        if (report) errors.push(`vehicle ${vehicle.id}: back at ${time}, shift ends ${vehicle.shift[1]}`);
      }
      return { end: time, dist, late, stops };
    };
    let depart = vehicle.shift ? vehicle.shift[0] : 0;
    if (!vehicle.shift) {
      const first = route.stops.map((s) => jobsById.get(s)).find((j) => j !== undefined);
      if (first?.timeWindow) depart = first.timeWindow[0] - at(problem.matrix.durations, n, vehicle.start, first.location);
    }
    // Slide departure later while it neither makes a stop late nor lengthens the route's end.
    const base = replay(depart, false);
    let lo = 0;
    let hi = Math.max(0, base.end - depart);
    for (let it = 0; it < 60 && hi - lo > 1e-7; it++) {
      const mid = (lo + hi) / 2;
      const r = replay(depart + mid, false);
      if ((r.late && !base.late) || r.end > base.end + 1e-9) hi = mid;
      else lo = mid;
    }
    depart += lo;
    const final = replay(depart, true);
    // Loads per trip: a facility visit empties the truck. The fractions of a trip go to the
    // facility that ends it; the day's totals feed the daily limits.
    // A truck that starts loaded and takes one fraction carries that fraction in its first trip.
    let tripFractions: string[] = startsLoaded && vehicle.fractions?.length === 1 ? [vehicle.fractions[0]] : [];
    let trips = 0;
    let stopsServed = 0;
    const dayLoad = vehicle.capacity.map(() => 0);
    const closeTrip = () => {
      load.forEach((l, k) => {
        if (l > vehicle.capacity[k] + TOL) errors.push(`vehicle ${vehicle.id}: trip load ${l} above capacity ${vehicle.capacity[k]} (dimension ${k})`);
      });
      load.fill(0);
      tripFractions = [];
    };
    for (const id of route.stops) {
      if (breaks.has(id)) continue;
      const facility = jobsById.has(id) ? undefined : facilitiesById.get(id);
      if (facility) {
        trips++;
        for (const f of tripFractions) {
          if (facility.acceptedFractions && !facility.acceptedFractions.includes(f)) errors.push(`facility ${id}: does not accept fraction ${f} (vehicle ${vehicle.id}, trip ${trips})`);
        }
        closeTrip();
        continue;
      }
      const job = jobsById.get(id);
      if (!job) continue;
      if (seen.has(id)) errors.push(`job ${id} visited twice`);
      seen.add(id);
      stopsServed++;
      if (job.allowedVehicles && !job.allowedVehicles.includes(vehicle.id)) errors.push(`job ${id}: vehicle ${vehicle.id} not allowed`);
      (job.demand ?? []).forEach((d, k) => {
        load[k] += d;
        dayLoad[k] = (dayLoad[k] ?? 0) + d;
      });
      if (job.fraction !== undefined) {
        if (vehicle.fractions && !vehicle.fractions.includes(job.fraction)) errors.push(`job ${id}: fraction ${job.fraction} not taken by vehicle ${vehicle.id}`);
        if (!tripFractions.includes(job.fraction)) {
          if (!vehicle.compartments && tripFractions.length > 0) errors.push(`vehicle ${vehicle.id}: trip ${trips + 1} mixes fractions ${tripFractions[0]} and ${job.fraction} (job ${id}) without compartments`);
          tripFractions.push(job.fraction);
        }
      }
      if (job.prize !== undefined) cost -= job.prize;
    }
    if (problem.disposalTrips && facilitiesById.size > 0 && load.some((l) => l > TOL)) errors.push(`vehicle ${vehicle.id}: returns to the depot without unloading`);
    closeTrip();
    if (vehicle.maxTrips !== undefined && trips > vehicle.maxTrips) errors.push(`vehicle ${vehicle.id}: ${trips} trips (unload visits) above maxTrips ${vehicle.maxTrips}`);
    if (vehicle.maxStops !== undefined && stopsServed > vehicle.maxStops) errors.push(`vehicle ${vehicle.id}: ${stopsServed} stops above maxStops ${vehicle.maxStops}`);
    vehicle.maxDailyLoad?.forEach((limit, k) => {
      if ((dayLoad[k] ?? 0) > limit + TOL) errors.push(`vehicle ${vehicle.id}: daily load ${dayLoad[k]} above maxDailyLoad ${limit} (dimension ${k})`);
    });
    for (const b of vehicle.breaks ?? []) if (!breaksTaken.has(b.id)) errors.push(`vehicle ${vehicle.id}: break ${b.id} missing`);
    const duration = final.end - depart;
    if (vehicle.shift && depart < vehicle.shift[0] - TOL) errors.push(`vehicle ${vehicle.id}: leaves before its shift`);
    if (vehicle.maxDurationS !== undefined && duration > vehicle.maxDurationS + TOL) errors.push(`vehicle ${vehicle.id}: duration ${duration} above ${vehicle.maxDurationS}`);
    if (vehicle.maxDistanceM !== undefined && final.dist > vehicle.maxDistanceM + TOL) errors.push(`vehicle ${vehicle.id}: distance ${final.dist} above ${vehicle.maxDistanceM}`);
    const rates = vehicle.costPerKm === undefined && vehicle.costPerHour === undefined ? { km: 1, h: 0 } : { km: vehicle.costPerKm ?? 0, h: vehicle.costPerHour ?? 0 };
    const routeCost = (vehicle.fixedCost ?? 0) + (rates.km * final.dist) / 1000 + (rates.h * duration) / 3600;
    cost += routeCost;
    distance += final.dist;
    schedules.push({ vehicle: vehicle.id, depart, end: final.end, durationS: duration, distance: final.dist, cost: routeCost, stops: final.stops });
  }
  if (requireAll) {
    for (const job of problem.jobs) if (job.prize === undefined && !seen.has(job.id)) errors.push(`required job ${job.id} not served`);
  }
  return { feasible: errors.length === 0, errors, distance, cost, vehiclesUsed: used, schedules };
}
