/** Sizes and dates in words, as the page and the kernel's notes show them. */

/**
 * "980 B", "2.7 MB": decimal units (1 MB = 1,000,000 bytes), as the Hugging Face hub, npm
 * and the chapters state download sizes, so a bar and the text beside it agree.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A moment in the reader's own locale: "1 Dec 2026, 10:31". */
export function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
