import { getHost } from '../host.ts';

/**
 * Thrown when the site does not serve a data set or model because it has not been
 * fetched; `command` fetches it. The page can tell it from other errors by its name.
 */
export class AssetMissingError extends Error {
  readonly asset: string;
  readonly command: string;
  constructor(asset: string, detail: string, command = 'npm run assets') {
    super(`${asset}: not in this build of the site (${detail}). Run \`${command}\` and rebuild to add it.`);
    this.name = 'AssetMissingError';
    this.asset = asset;
    this.command = command;
  }
}

export function isAssetMissingError(e: unknown): e is AssetMissingError {
  return e instanceof Error && e.name === 'AssetMissingError' && typeof (e as AssetMissingError).command === 'string';
}

/**
 * Shows the reader a notice with the command, then returns the error for the
 * loader to throw: the notice stays readable even where the page prints the
 * error itself.
 */
export function assetMissing(asset: string, detail: string): AssetMissingError {
  const error = new AssetMissingError(asset, detail);
  getHost().emit({ kind: 'html-note', tone: 'warning', text: error.message, command: error.command });
  return error;
}
