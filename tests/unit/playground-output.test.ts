import { describe, expect, it } from 'vitest';
import { alignSeries, chartSummary } from '../../src/playground/output/chart-data.ts';
import { formatBytes } from '../../src/lib/units.ts';
import {
  errorHeadline,
  fallbackText,
  formatCell,
  formatDuration,
  leakText,
  percent,
  progressText,
  timeLeftText,
  clock,
  summaryText,
  threadNote,
} from '../../src/playground/output/format.ts';

describe('output formatting', () => {
  it('formats durations and bytes for people', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(42_000)).toBe('42.0 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(2.6e6)).toBe('2.6 MB');
    expect(formatBytes(138_357_544)).toBe('138 MB');
  });

  it('tells the time elapsed and left like tqdm, once there is something to extrapolate from', () => {
    expect(clock(7_400)).toBe('0:07');
    expect(clock(754_000)).toBe('12:34');
    expect(clock(3_723_000)).toBe('1:02:03');
    expect(timeLeftText(500, 1, 10)).toBe('');
    expect(timeLeftText(12_000, 3, 10)).toBe('0:12 elapsed, about 0:28 left');
    // The rate counts from where the bar started, not from 0.
    expect(timeLeftText(10_000, 60, 100, 50)).toBe('0:10 elapsed, about 0:40 left');
    expect(timeLeftText(40_000, 10, 10)).toBe('0:40 in all');
    expect(timeLeftText(5_000, 0, 10)).toBe('0:05 elapsed');
    expect(timeLeftText(5_000, 3, 0)).toBe('0:05 elapsed');
  });

  it('describes progress in percent, items and bytes', () => {
    expect(percent(5, 10)).toBe(50);
    expect(percent(15, 10)).toBe(100);
    expect(percent(3, 0)).toBe(0);
    expect(progressText(3, 10)).toBe('3 / 10 (30%)');
    expect(progressText(1e6, 4e6, 'bytes')).toBe('25% (1.0 MB of 4.0 MB)');
    expect(progressText(2048, 0, 'bytes')).toBe('2.0 kB');
  });

  it('explains backend fallbacks in words', () => {
    expect(fallbackText('webgl', [{ backend: 'webgpu', reason: 'no adapter' }])).toEqual([
      'WebGPU unavailable: no adapter - using WebGL',
    ]);
    expect(fallbackText('wasm', [])).toEqual([]);
  });

  it('warns about leaked tensors only when the count grew', () => {
    const base = { durationMs: 10, backend: 'wasm' as const };
    expect(leakText({ ...base, tensorsBefore: 4, tensorsAfter: 4 })).toBeUndefined();
    expect(leakText({ ...base, tensorsBefore: 4, tensorsAfter: 2 })).toBeUndefined();
    expect(leakText({ ...base, tensorsBefore: 4, tensorsAfter: 5 })).toMatchObject({ tone: 'warning', text: expect.stringMatching(/^The run left 1 tensor allocated \(4 before, 5 after\)/) });
    // A model kept for later playgrounds is not a leak: say what stays and why.
    expect(leakText({ ...base, tensorsBefore: 0, tensorsAfter: 12, kept: ['mnist-model'] })).toEqual({
      tone: 'info',
      text: 'Kept "mnist-model" for the playgrounds after this one (12 tensors stay in memory).',
    });
    expect(summaryText({ ...base, durationMs: 1500, tensorsBefore: 0, tensorsAfter: 0 })).toBe('Done in 1.50 s on WASM');
    expect(summaryText({ ...base, durationMs: 1500, tensorsBefore: 0, tensorsAfter: 0, threads: 4 })).toBe('Done in 1.50 s on WASM, 4 threads');
    expect(summaryText({ ...base, durationMs: 1500, tensorsBefore: 0, tensorsAfter: 0, threads: 1 })).toBe('Done in 1.50 s on WASM, 1 thread');
  });

  it('puts line and column first in error headlines', () => {
    expect(errorHeadline({ phase: 'syntax', message: "Unexpected token (3:7)", line: 3, column: 7 })).toBe(
      'Line 3, column 7: Unexpected token (3:7)',
    );
    expect(errorHeadline({ phase: 'runtime', message: 'x is not defined', line: 4 })).toBe('Line 4: x is not defined');
    expect(errorHeadline({ phase: 'runtime', message: 'boom' })).toBe('Error: boom');
    expect(errorHeadline({ phase: 'syntax', message: 'bad' })).toBe('Syntax error: bad');
  });

  it('formats table cells compactly', () => {
    expect(formatCell('cat')).toBe('cat');
    expect(formatCell(42)).toBe('42');
    expect(formatCell(0.123456)).toBe('0.1235');
    expect(formatCell(0.00001234)).toBe('1.234e-5');
    expect(formatCell(NaN)).toBe('NaN');
  });
});

describe('chart data alignment', () => {
  it('merges series with different x values into ascending columns with gaps', () => {
    const batchLoss: [number, number][] = [[1, 0.9], [2, 0.7], [3, 0.5], [4, 0.4]];
    const epochLoss: [number, number][] = [[2, 0.8], [4, 0.45]];
    expect(alignSeries([batchLoss, epochLoss])).toEqual([
      [1, 2, 3, 4],
      [0.9, 0.7, 0.5, 0.4],
      [null, 0.8, null, 0.45],
    ]);
  });

  it('keeps points of one series that share an x (scatter) and sorts unordered input', () => {
    expect(alignSeries([[[2, 1], [1, 5], [1, 6]]])).toEqual([
      [1, 1, 2],
      [5, 6, 1],
    ]);
  });

  it('turns non-finite y into gaps and drops non-finite x', () => {
    expect(alignSeries([[[0, NaN], [NaN, 1], [1, 2]]])).toEqual([[0, 1], [null, 2]]);
    expect(alignSeries([[], []])).toEqual([[], [], []]);
  });
});

describe('chart summaries for screen readers', () => {
  it('describes line series by count and last value', () => {
    expect(chartSummary({ kind: 'line', series: ['loss', 'val_loss'] }, [[[1, 0.9], [2, 0.51234]], []])).toBe(
      'loss: 2 points, last 0.512 at 2; val_loss: 0 points',
    );
  });

  it('names bar categories with their values', () => {
    expect(chartSummary({ kind: 'bar', series: ['p'], categories: ['cat', 'dog'] }, [[[0, 0.2], [1, 0.8]]])).toBe('cat 0.2, dog 0.8');
  });

  it('counts scatter points per series', () => {
    expect(chartSummary({ kind: 'scatter', series: ['a', 'b'] }, [[[0, 1]], [[1, 1], [2, 2]]])).toBe('a: 1 point; b: 2 points');
  });
});

describe('the note on WASM threads', () => {
  const run = { durationMs: 10, backend: 'wasm' as const, tensorsBefore: 0, tensorsAfter: 0 };
  const state = { cores: 8, serviceWorkers: true, controlled: false };
  it('says nothing when WASM had every core, or there was only one', () => {
    expect(threadNote({ ...run, threads: 8, isolated: true }, state)).toBeUndefined();
    expect(threadNote({ ...run, threads: 1, isolated: false }, { ...state, cores: 1 })).toBeUndefined();
    expect(threadNote({ ...run, backend: 'webgpu', isolated: false }, state)).toBeUndefined();
  });
  it('explains one thread: not isolated yet (reload), or the browser cannot isolate', () => {
    expect(threadNote({ ...run, threads: 1, isolated: false }, state)).toBe(
      'WASM ran on one thread of 8: this page is not cross-origin isolated yet; reload it to let WASM use all 8 cores (if the browser allows service workers).',
    );
    expect(threadNote({ ...run, threads: 1, isolated: false }, { ...state, controlled: true })).toContain('this browser did not make the page cross-origin isolated');
    expect(threadNote({ ...run, threads: 1, isolated: false }, { ...state, serviceWorkers: false })).toContain('no service workers');
  });
});
