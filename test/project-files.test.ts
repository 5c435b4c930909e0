/**
 * The project's own files an operator looks for first: a LICENSE (Apache-2.0, as package.json
 * says), a CHANGELOG with upgrade notes (the Worker's Durable Object migration tags among them),
 * "engines" that match the Node release the image and CI run, and an operations page whose
 * commands, files and anchors exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  version: string;
  license: string;
  engines: { node: string };
  files: string[];
};

/** `^20.12.0`: the same major, at least that minor and patch (the only form used here). */
function satisfies(version: string, range: string): boolean {
  const [, major, minor, patch] = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range) ?? [];
  expect(major, `engines.node "${range}" is not of the form ^M.m.p`).toBeDefined();
  const [m, n, p] = version.replace(/^v/, '').split('.').map(Number);
  return m === Number(major) && (n! > Number(minor) || (n === Number(minor) && p! >= Number(patch)));
}

describe('project files', () => {
  it('LICENSE is the Apache License 2.0, as package.json declares', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = read('LICENSE');
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });

  it('CHANGELOG has an Unreleased section and one for this version, each with upgrade notes', () => {
    const text = read('CHANGELOG.md');
    expect(text).toMatch(/^## \[Unreleased\]$/m);
    expect(text).toMatch(new RegExp(`^## \\[${pkg.version.replaceAll('.', '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    expect(text.match(/^### Upgrade notes$/gm)?.length).toBeGreaterThanOrEqual(2);
  });

  it("CHANGELOG's upgrade notes name every Durable Object migration tag of wrangler.toml", () => {
    const tags = [...read('wrangler.toml').matchAll(/^tag = "([^"]+)"$/gm)].map((m) => m[1]!);
    expect(tags.length).toBeGreaterThan(0);
    const notes = read('CHANGELOG.md');
    for (const tag of tags) expect(notes).toContain(`tag = "${tag}"`);
  });

  it('engines.node is satisfied by the Node release of the image and of this test run, and by no other major', () => {
    const image = /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)-slim$/m.exec(read('deploy/Dockerfile'))?.[1];
    expect(image).toBeDefined();
    expect(satisfies(image!, pkg.engines.node)).toBe(true);
    expect(satisfies(process.version, pkg.engines.node)).toBe(true);
    expect(satisfies('22.0.0', pkg.engines.node)).toBe(false);
  });

  it('the package ships the license and changelog with the build and the docs', () => {
    // npm always includes package.json, README and LICENSE; "files" names the rest.
    expect(pkg.files).toEqual(expect.arrayContaining(['build/', 'docs/', 'CHANGELOG.md']));
  });
});

describe('docs/operations.md, the five-minute path', () => {
  const page = read('docs/operations.md');
  const files = (dir: string): string[] =>
    readdirSync(new URL(dir, ROOT)).flatMap((name) => {
      const path = join(dir, name);
      return statSync(new URL(path, ROOT)).isDirectory() ? files(`${path}/`) : [path];
    });

  it('names only files of this repository that exist', () => {
    for (const [path] of page.matchAll(/\b(?:deploy|scripts)\/[\w./-]+\.(?:ya?ml|json|sh|service|example|md)\b/g)) {
      expect(existsSync(new URL(path, ROOT)), path).toBe(true);
    }
  });

  it('runs only commands the CLI has', () => {
    // Invocations: `qcloud-legacy-proxy …` in the text, `npx qcloud-legacy-proxy …` in the blocks.
    const used = [...page.matchAll(/(?:npx |`)qcloud-legacy-proxy (?!--)([a-z][\w-]*)/g)].map((m) => m[1]);
    expect(used).toContain('check-config');
    for (const command of used)
      expect(['check-config', 'serve', 'translate', 'help', 'version'], command).toContain(command);
  });

  it('has every anchor that the code and the other docs cite (operations.md#…)', () => {
    const anchors = new Set([...page.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const citing = [...files('src/'), ...files('docs/'), ...files('deploy/'), 'README.md', 'CHANGELOG.md'].filter((f) =>
      /\.(ts|md|yaml|service)$/.test(f),
    );
    for (const file of citing) {
      for (const [, anchor] of read(file).matchAll(/operations\.md#([\w-]+)/g)) {
        // Anchors GitHub makes from headings count too.
        const headings = [...page.matchAll(/^#+ (.+)$/gm)].map((m) =>
          m[1]!
            .toLowerCase()
            .replace(/[^\w\s-]/g, '')
            .replace(/\s/g, '-'),
        );
        expect(
          anchors.has(anchor) || headings.includes(anchor!),
          `${relative('.', file)}: operations.md#${anchor}`,
        ).toBe(true);
      }
    }
  });
});
