/**
 * A URL as a problem may quote it: `user:password@` cut out (it may be a secret), clipped.
 */
import { clip } from '../core/clip.js';

export function shownUrl(text: string): string {
  return `"${clip(text.replace(/\/\/.*@/, '//…@'), 120)}"`;
}
