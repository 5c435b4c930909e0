/**
 * The general kinds of setting: bounded integers, words from a list, on/off, free text. A bad
 * value is quoted back clipped; these kinds never hold secrets.
 */
import { clip } from '../core/clip.js';
import { INVALID, type Kind } from './setting.js';

export function integer(min: number, max: number): Kind<number> {
  return {
    accepts: `integer ${min}–${max}`,
    parse(text, name, problems) {
      const value = Number(text);
      if (/^[0-9]+$/.test(text) && value >= min && value <= max) return value;
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${clip(text)}"`);
      return INVALID;
    },
  };
}

/** The choices are lower case; a value is read in any case (`LOG_LEVEL=INFO`). */
export function oneOf<T extends string>(choices: readonly T[]): Kind<T> {
  return {
    accepts: choices.map((choice) => `\`${choice}\``).join(', '),
    parse(text, name, problems) {
      const word = text.toLowerCase();
      if ((choices as readonly string[]).includes(word)) return word as T;
      problems.push(`${name} must be one of ${choices.join(', ')}, got "${clip(text)}"`);
      return INVALID;
    },
  };
}

export const onOff: Kind<boolean> = {
  accepts: '`on` or `off`',
  parse(text, name, problems) {
    if (text === 'on' || text === 'off') return text === 'on';
    problems.push(`${name} must be on or off, got "${clip(text)}"`);
    return INVALID;
  },
};

/** Any text (an address, a file path); '' when unset. */
export const text: Kind<string> = { parse: (value) => value };
