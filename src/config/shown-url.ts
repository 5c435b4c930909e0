/**
 * A URL as a problem may quote it: `user:password@` cut out (it may be a secret), clipped.
 */
import { clip } from '../core/clip.js';

export function shownUrl(text: string): string {
  return `"${clip(text.replace(/\/\/.*@/, '//…@'), 120)}"`;
}

/**
 * `127.0.0.1:9000` (as the emulator's banner prints it) or `cache:6379`: an address without its
 * scheme, which URL parsing would call "not a URL" or misread as a scheme of its own. The problem
 * then says what to add, e.g. `add http:// or https://: "http://127.0.0.1:9000"`.
 */
export function missingScheme(text: string, name: string, schemes: readonly string[], problems: string[]): boolean {
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?\/?$/i.test(text)) return false;
  problems.push(`${name} needs a scheme: add ${schemes.join(' or ')}, e.g. ${shownUrl(`${schemes[0]}${text}`)}`);
  return true;
}
