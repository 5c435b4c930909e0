/**
 * A legacy envelope as the bytes of the JSON text JSON.stringify would give, byte for byte, with
 * each image encoded once for as long as its object lives: a cached (or shared) scan keeps the
 * same image objects for every request it answers, so an answer joins the bytes of its page
 * instead of serialising 20 images again, and the same page asked again is the same bytes,
 * reused as they are (docs/performance.md#hit-path). Images are never changed once made
 * (core/translate maps each once, then only shares it), which is what makes their bytes reusable.
 */
import { concatBytes } from '../core/bytes.js';
import type { LegacyEnvelope } from '../core/legacy/envelope.js';

const IMAGES = 'imageSet';
const encoder = new TextEncoder();
const COMMA = encoder.encode(',');
const CLOSE = encoder.encode(']}');

/** Each image's UTF-8 JSON, while the image lives. */
const imageBytes = new WeakMap<object, Uint8Array>();

/** The last answer rendered that starts with this image: its head text, its images, its bytes. */
interface Page {
  readonly head: string;
  readonly images: readonly unknown[];
  readonly bytes: Uint8Array;
}
const pages = new WeakMap<object, Page>();

export function envelopeBytes(envelope: LegacyEnvelope): Uint8Array {
  const images = envelope[IMAGES];
  if (!Array.isArray(images) || lastKey(envelope) !== IMAGES) return encoder.encode(JSON.stringify(envelope));
  // The other fields, in their order (an undefined field is left out, as JSON.stringify leaves it),
  // then the opening of the list: `{"code":0,…,"totalCount":38,"imageSet":[`.
  const rest = JSON.stringify({ ...envelope, [IMAGES]: undefined });
  const head = `${rest.length > 2 ? `${rest.slice(0, -1)},` : '{'}"${IMAGES}":[`;
  const first = images[0];
  const known = typeof first === 'object' && first !== null ? pages.get(first) : undefined;
  if (known && known.head === head && sameItems(known.images, images)) return known.bytes;
  const bytes = render(head, images);
  if (typeof first === 'object' && first !== null) pages.set(first, { head, images: [...images], bytes });
  return bytes;
}

function render(head: string, images: readonly unknown[]): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode(head)];
  for (let i = 0; i < images.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(bytesOf(images[i]));
  }
  parts.push(CLOSE);
  return concatBytes(parts);
}

function bytesOf(image: unknown): Uint8Array {
  if (typeof image !== 'object' || image === null) return encoder.encode(JSON.stringify(image) ?? 'null');
  let bytes = imageBytes.get(image);
  if (bytes === undefined) imageBytes.set(image, (bytes = encoder.encode(JSON.stringify(image))));
  return bytes;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function lastKey(value: object): string | undefined {
  let last: string | undefined;
  for (const key in value) last = key;
  return last;
}
