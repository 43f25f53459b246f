/** The CLI progress bar: simulated time, readings sent and acknowledged, rate, lag behind the clock. */
import cliProgress from 'cli-progress';
import type { PublisherStats } from './fleet-publisher.ts';

export interface ProgressBar {
  update(stats: PublisherStats): void;
  stop(): void;
}

export function createProgressBar(startMs: number, endMs: number, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const totalHours = Math.max(1, Math.round((endMs - startMs) / 3_600_000));
  const bar = new cliProgress.SingleBar(
    {
      format: 'sim {simTime} |{bar}| {value}/{total} h | readings {sent} (acked {acked}, failed {failed}) | {rate}/s | lag {lag}',
      stream,
      hideCursor: true,
      etaBuffer: 50,
      noTTYOutput: !stream.isTTY,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalHours, 0, { simTime: iso(startMs), sent: 0, acked: 0, failed: 0, rate: 0, lag: '0s' });
  return {
    update(s) {
      bar.update(Math.min(totalHours, Math.floor((s.simTimeMs - startMs) / 3_600_000)), {
        simTime: iso(s.simTimeMs),
        sent: s.sent,
        acked: s.acked,
        failed: s.failed,
        rate: Math.round(s.ratePerSecond),
        lag: formatLag(Math.max(0, s.clockMs - s.simTimeMs)),
      });
    },
    stop() {
      bar.stop();
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

function formatLag(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  return `${(ms / 3_600_000).toFixed(1)}h`;
}
