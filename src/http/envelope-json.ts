/**
 * A legacy envelope as the JSON text JSON.stringify would give, byte for byte, with each image
 * serialised once for as long as its object lives: a cached (or shared) scan keeps the same image
 * objects for every request it answers, so a cache hit joins the texts of its page instead of
 * serialising 20 images again (docs/performance.md#hit-path). Images are never changed once made
 * (core/translate maps each once, then only shares it), which is what makes the text reusable.
 */
import type { LegacyEnvelope } from '../core/legacy/envelope.js';

const IMAGES = 'imageSet';
const texts = new WeakMap<object, string>();

export function envelopeJson(envelope: LegacyEnvelope): string {
  const images = envelope[IMAGES];
  if (!Array.isArray(images) || lastKey(envelope) !== IMAGES) return JSON.stringify(envelope);
  // The other fields, in their order (an undefined field is left out, as JSON.stringify leaves it).
  const head = JSON.stringify({ ...envelope, [IMAGES]: undefined });
  const parts = new Array<string>(images.length);
  for (let i = 0; i < images.length; i++) parts[i] = textOf(images[i]);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}"${IMAGES}":[${parts.join(',')}]}`;
}

function textOf(image: unknown): string {
  if (typeof image !== 'object' || image === null) return JSON.stringify(image) ?? 'null';
  let text = texts.get(image);
  if (text === undefined) texts.set(image, (text = JSON.stringify(image)));
  return text;
}

function lastKey(value: object): string | undefined {
  let last: string | undefined;
  for (const key in value) last = key;
  return last;
}
