/**
 * Image type from the first bytes. Photos on the web often carry the wrong
 * extension (the course's doggy-door set has a WebP named `.jpg`), so decoders go
 * by content.
 */
export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif';

export const IMAGE_MIME: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

function ascii(bytes: Uint8Array, start: number, text: string): boolean {
  if (bytes.length < start + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'webp';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'gif';
  return undefined;
}

export class NotAnImageError extends Error {
  readonly file: string;
  constructor(file: string, bytes: Uint8Array) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    super(`${file}: not a JPEG, PNG, WebP or GIF image (${bytes.length} bytes, starting ${head || '(empty)'})`);
    this.name = 'NotAnImageError';
    this.file = file;
  }
}

/** The type of `bytes`, or a NotAnImageError naming `file`. */
export function requireImageType(bytes: Uint8Array, file: string): ImageType {
  const type = sniffImageType(bytes);
  if (!type) throw new NotAnImageError(file, bytes);
  return type;
}
