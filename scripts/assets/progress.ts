/**
 * Download progress in the terminal: a redrawn bar on a TTY, a line per quarter
 * in CI logs (where carriage returns would pile up into one huge line).
 */
import type { ProgressFn } from './fetch.ts';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function progressLine(label: string, loaded: number, total: number | undefined, width = 24): string {
  if (!total) return `${label}  ${formatBytes(loaded)}`;
  const frac = Math.min(1, loaded / total);
  const filled = Math.round(frac * width);
  return `${label}  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}%  ${formatBytes(loaded)} / ${formatBytes(total)}`;
}

export interface ProgressBar {
  update: ProgressFn;
  /** Ends the bar's line. */
  done(): void;
}

export function terminalProgress(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  let lastDraw = 0;
  let lastQuarter = -1;
  let drawn = false;
  let lastLine = '';
  return {
    update(loaded, total) {
      lastLine = progressLine(label, loaded, total);
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && loaded !== total) return;
        lastDraw = now;
        stream.write(`\r${lastLine}\x1b[K`);
        drawn = true;
      } else if (total) {
        const quarter = Math.floor((loaded / total) * 4);
        if (quarter === lastQuarter) return;
        lastQuarter = quarter;
        stream.write(`${lastLine}\n`);
      }
    },
    done() {
      if (stream.isTTY && drawn) stream.write(`\r${lastLine}\x1b[K\n`);
    },
  };
}
