/**
 * Where Transformers.js loads models from, as the deployment configured it at build time:
 *   PUBLIC_MODELS_PATH=models/hf/          serve models from the site (files as in the hub repos)
 *   PUBLIC_MODELS_HOST=https://mirror/     a hub mirror
 *   PUBLIC_ALLOW_REMOTE_MODELS=false       never contact a remote host
 * Nothing set: the Hugging Face hub, cached by the browser.
 */
import type { TransformersSource } from '../runner/protocol.ts';

export interface ModelSourceEnv {
  PUBLIC_MODELS_PATH?: string | undefined;
  PUBLIC_MODELS_HOST?: string | undefined;
  PUBLIC_ALLOW_REMOTE_MODELS?: string | undefined;
}

export function modelSource(env: ModelSourceEnv): TransformersSource | undefined {
  const source: TransformersSource = {};
  if (env.PUBLIC_MODELS_PATH) source.localModelPath = env.PUBLIC_MODELS_PATH;
  if (env.PUBLIC_MODELS_HOST) source.remoteHost = env.PUBLIC_MODELS_HOST;
  const allow = env.PUBLIC_ALLOW_REMOTE_MODELS?.trim().toLowerCase();
  if (allow !== undefined && allow !== '') {
    if (allow !== 'true' && allow !== 'false') {
      throw new Error(`PUBLIC_ALLOW_REMOTE_MODELS must be "true" or "false", got "${env.PUBLIC_ALLOW_REMOTE_MODELS}"`);
    }
    source.allowRemoteModels = allow === 'true';
  }
  return Object.keys(source).length ? source : undefined;
}
