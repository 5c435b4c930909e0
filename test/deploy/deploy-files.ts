/**
 * Reading deploy/ for the tests: its YAML (with compose's `<<` merge keys) and a small Dockerfile
 * reader (no Docker engine here, so the container files are checked by parsing, not by building).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const DEPLOY = join(ROOT, 'deploy');

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** One YAML document as a loosely typed tree: the tests say what they expect to find in it. */
export type Yaml = any;

export function readYaml(path: string): Yaml {
  return parse(readText(path), { merge: true });
}

/** Every document of a multi-document YAML file (`---` between them), in order. */
export function readYamlDocuments(path: string): Yaml[] {
  return parseAllDocuments(readText(path), { merge: true }).map((document) => document.toJS());
}

/** Every file under deploy/, as paths relative to the repository root. */
export function deployFiles(dir = DEPLOY): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? deployFiles(path) : [relative(ROOT, path)];
  });
}

/** Every file under a folder of the repository (`src`), as paths relative to the root. */
export function sourceFiles(folder: string): string[] {
  return deployFiles(join(ROOT, folder));
}

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly base: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** The stages of a Dockerfile, in order, with global ARG defaults substituted into FROM. */
export function dockerfileStages(text: string): Stage[] {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [image = '', as, name] = args
        .replace(/\$\{(\w+)\}/g, (_, arg: string) => globals.get(arg) ?? '')
        .split(/\s+/);
      stages.push({ base: image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0 && upper === 'ARG') {
      const [name = '', value = ''] = args.split('=');
      globals.set(name, value);
    } else {
      stages.at(-1)?.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}
