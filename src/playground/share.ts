/**
 * Share links: the code travels in the URL fragment (never sent to a server), deflated
 * with fflate and base64url-encoded, next to the id of the playground it belongs to:
 *   #share=<url-encoded playground id>:<base64url deflate(utf-8 code)>[:<base64url JSON of changed params>]
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Params } from '../runner/protocol.ts';

const PARAM = 'share=';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((ch, i) => [ch, i]));

export interface SharedCode {
  id: string;
  code: string;
  /** Parameter values the sharer had changed with the controls. */
  params?: Params;
}

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let j = 0;
  for (const ch of text) {
    const v = LOOKUP.get(ch);
    if (v === undefined) throw new Error(`invalid base64url character ${JSON.stringify(ch)}`);
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** The fragment (without '#') that carries `code` for playground `id`. */
export function encodeShare({ id, code, params }: SharedCode): string {
  const base = `${PARAM}${encodeURIComponent(id)}:${toBase64Url(deflateSync(strToU8(code), { level: 9 }))}`;
  return params && Object.keys(params).length > 0 ? `${base}:${toBase64Url(strToU8(JSON.stringify(params)))}` : base;
}

/** Reads a share fragment (with or without '#'); undefined when it is not one or is corrupt. */
export function decodeShare(fragment: string): SharedCode | undefined {
  const text = fragment.replace(/^#/, '');
  if (!text.startsWith(PARAM)) return undefined;
  const body = text.slice(PARAM.length);
  const colon = body.indexOf(':');
  if (colon < 1) return undefined;
  try {
    const id = decodeURIComponent(body.slice(0, colon));
    // base64url has no ':', so a third part can only be the params.
    const [packed, packedParams] = body.slice(colon + 1).split(':');
    const code = strFromU8(inflateSync(fromBase64Url(packed!)));
    if (!packedParams) return { id, code };
    const params = JSON.parse(strFromU8(fromBase64Url(packedParams))) as unknown;
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
    return { id, code, params: params as Params };
  } catch {
    return undefined;
  }
}

/** A full link to the current page that opens `code` in playground `id`. */
export function shareUrl(pageUrl: string, shared: SharedCode): string {
  const url = new URL(pageUrl);
  url.hash = encodeShare(shared);
  return url.toString();
}
