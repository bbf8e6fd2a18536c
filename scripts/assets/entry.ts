/**
 * The shape of one `npm run assets` entry and what its conversion step gets. The list of
 * entries is manifest.ts; entries defined elsewhere (scripts/convert/vgg16-assets.ts)
 * import their type from here, so nothing imports the list back.
 */
import type { DownloadSpec } from './fetch.ts';

export interface ConvertContext {
  /** Download file name -> its path in the cache (for `partial` entries, only those that arrived). */
  files: Record<string, string>;
  publicDir: string;
  /** Absolute path for a site-root-relative output path; creates its folder. */
  output(sitePath: string): string;
  /** Copies a downloaded file to a site path unchanged. */
  copy(file: string, sitePath: string): void;
  log(line: string): void;
}

export interface AssetEntry {
  id: string;
  title: string;
  /** Best effort: a missing optional asset does not fail `--strict`. */
  optional?: boolean;
  /** Convert whatever downloads arrived, even when some failed (photo sets). */
  partial?: boolean;
  downloads: DownloadSpec[];
  /** Site-root-relative files that `convert` writes under public/. */
  outputs: string[];
  convert(ctx: ConvertContext): void | Promise<void>;
}
