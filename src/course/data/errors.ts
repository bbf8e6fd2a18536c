/**
 * Thrown when the site does not serve a data set or model because it has not been
 * fetched. Pages show it as a friendly notice with `command` instead of a stack trace.
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
