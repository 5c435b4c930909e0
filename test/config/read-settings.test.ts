import { describe, expect, it } from 'vitest';
import { integer, text } from '../../src/config/kinds.js';
import { readSettings } from '../../src/config/read-settings.js';
import type { Setting } from '../../src/config/setting.js';

const common = { group: 'g', runtime: 'both', meaning: 'm' } as const;
const SCHEMA = {
  SIZE: { ...common, default: '5', kind: integer(1, 9) },
  NAME: { ...common, default: '', kind: text },
} satisfies Record<string, Setting>;

describe('readSettings', () => {
  it('trims a value, and reads an empty or missing one as its default', () => {
    expect(readSettings(SCHEMA, { SIZE: ' 7 ', NAME: ' n ' }, []).values).toEqual({ SIZE: 7, NAME: 'n' });
    expect(readSettings(SCHEMA, { SIZE: ' ' }, []).values).toEqual({ SIZE: 5, NAME: '' });
  });

  it('collects every problem, and carries on with the default of a refused value', () => {
    const problems: string[] = ['earlier'];
    const read = readSettings(SCHEMA, { SIZE: '10' }, problems);
    expect(problems).toEqual(['earlier', 'SIZE must be an integer from 1 to 9, got "10"']);
    expect(read.values.SIZE).toBe(5);
    expect([...read.refused]).toEqual(['SIZE']);
  });

  it('refuses a schema whose default does not parse', () => {
    const broken = { SIZE: { ...common, default: 'x', kind: integer(1, 9) } } satisfies Record<string, Setting>;
    expect(() => readSettings(broken, { SIZE: '0' }, [])).toThrow("the schema's default for SIZE does not parse");
  });
});
