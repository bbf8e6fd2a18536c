import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, fromBase64Url, shareUrl, toBase64Url } from '../../src/playground/share.ts';

describe('share links', () => {
  it('base64url round-trips every length remainder and uses only URL-safe characters', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });

  it('matches the standard base64url alphabet', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x10]);
    expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });

  it('round-trips code with non-ASCII text and the playground id', () => {
    const code = "// Grüße, 学习, emoji 🧠\nconst π = 3.14159;\nconsole.log(`naïve ${π}`);\n";
    const fragment = encodeShare({ id: 'mnist/train.ts', code });
    expect(fragment.startsWith('share=')).toBe(true);
    expect(decodeShare(`#${fragment}`)).toEqual({ id: 'mnist/train.ts', code });
  });

  it('round-trips 50 KB of code and compresses it', () => {
    const lines: string[] = [];
    for (let i = 0; lines.join('\n').length < 50_000; i++) {
      lines.push(`const layer${i} = tf.layers.dense({ units: ${(i * 31) % 512}, activation: 'relu' }); // Schicht ${i} ✓`);
    }
    const code = lines.join('\n');
    expect(code.length).toBeGreaterThanOrEqual(50_000);
    const fragment = encodeShare({ id: 'lab/big.ts', code });
    expect(fragment.length).toBeLessThan(code.length / 2);
    expect(decodeShare(fragment)?.code).toBe(code);
  });

  it('ignores fragments that are not share links or are corrupt', () => {
    expect(decodeShare('')).toBeUndefined();
    expect(decodeShare('#section-2')).toBeUndefined();
    expect(decodeShare('#share=lab%2Fx.ts:not*base64')).toBeUndefined();
    expect(decodeShare('#share=lab%2Fx.ts:AAAA')).toBeUndefined();
    expect(decodeShare('#share=:abc')).toBeUndefined();
  });

  it('builds a link to the same page that keeps the query and replaces the fragment', () => {
    const url = shareUrl('https://example.org/repo/lab/?x=1#old', { id: 'lab/a.ts', code: 'x' });
    expect(url.startsWith('https://example.org/repo/lab/?x=1#share=lab%2Fa.ts:')).toBe(true);
    expect(decodeShare(new URL(url).hash)).toEqual({ id: 'lab/a.ts', code: 'x' });
  });
});
