/**
 * docs/configuration.md is what the schema generates (run `npm run docs:config` after changing
 * the schema), and it names every variable the code reads.
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderReferencePage } from '../../src/config/reference-page.js';
import { SETTINGS, WORKER_BINDINGS } from '../../src/config/schema.js';

const ROOT = new URL('../../', import.meta.url);

describe('docs/configuration.md', () => {
  it('is what the schema generates (npm run docs:config)', async () => {
    expect(await readFile(new URL('docs/configuration.md', ROOT), 'utf8')).toBe(renderReferencePage());
  });

  it('has one row per setting and per Worker binding, with its default', () => {
    const rows = renderReferencePage()
      .split('\n')
      .filter((line) => /^\| `[A-Z_]+`/.test(line));
    expect(rows.map((line) => /^\| `([A-Z_]+)`/.exec(line)?.[1]).sort()).toEqual(
      [...Object.keys(SETTINGS), ...Object.keys(WORKER_BINDINGS)].sort(),
    );
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const cells = rows.find((line) => line.startsWith(`| \`${name}\``))!.split(' | ');
      expect(cells[1]).toBe(
        setting.default ? `\`${setting.default}\`` : `*(${'absent' in setting ? setting.absent : 'none'})*`,
      );
      expect(cells[0]!.includes('secret')).toBe('secret' in setting);
    }
  });

  it('covers every variable and binding that src/ reads', async () => {
    const read = new Set<string>();
    const dir = new URL('src/', ROOT);
    for (const file of await readdir(dir, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const source = await readFile(new URL(file, dir), 'utf8');
      for (const match of source.matchAll(
        /\b(?:process\.env|env)(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g,
      ))
        read.add((match[1] ?? match[2])!);
    }
    expect(read.size).toBeGreaterThan(0);
    for (const name of read) expect(Object.keys({ ...SETTINGS, ...WORKER_BINDINGS }), name).toContain(name);
  });

  it("lists wrangler.toml's [vars] as settings that apply on Workers", async () => {
    const toml = await readFile(new URL('wrangler.toml', ROOT), 'utf8');
    const vars = /^\[vars\]\n([\s\S]*?)(?=^\[)/m.exec(toml)?.[1] ?? '';
    const names = [...vars.matchAll(/^([A-Z_]+)\s*=/gm)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(SETTINGS[name as keyof typeof SETTINGS]?.runtime, name).toBe('both');
  });
});
