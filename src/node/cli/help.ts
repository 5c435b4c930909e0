/**
 * `qcloud-legacy-proxy --help`: the commands, the options, and every setting from the schema with
 * its default (the same source as docs/configuration.md), then where the documentation is.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_SUFFIX } from '../../config/file-variants.js';
import { GROUPS, SETTINGS, type Group } from '../../config/schema.js';
import type { Setting } from '../../config/setting.js';

export const BIN = 'qcloud-legacy-proxy';
const WIDTH = 100;
const NAME_COLUMN = 32;

export function helpText(version: string, docs = docsFolder()): string {
  return [
    `${BIN} ${version}: legacy Tencent Cloud API 2.0 DescribeImages clients in, CVM API 3.0 out.`,
    '',
    `Usage: ${BIN} [COMMAND] [--env-file FILE]`,
    '',
    'Commands:',
    '  serve          start the proxy (the default command)',
    '  check-config   check the settings and print them as they will run (keys masked); exit 0 when',
    '                 valid, 1 when not. Nothing listens, nothing is called',
    '  translate      an offline migration plan for legacy calls (translate --help)',
    '  help, version  the same as --help, --version',
    '',
    'Options:',
    '  --env-file FILE  read settings from FILE (KEY=value lines); the environment wins over it.',
    '                   No .env is read unless named here',
    '  -h, --help       this text',
    "  -v, --version    the version, the commit it was built from (where known) and Node's",
    '',
    'Settings are environment variables (never flags), each shown with its [default]. NAME_FILE,',
    'where a secret allows it, is the path of a file that holds the value (a mounted secret).',
    ...(Object.keys(GROUPS) as Group[]).flatMap((group) => groupLines(group)),
    '',
    'Exit status: 0 done (or stopped by SIGTERM/SIGINT after draining), 1 bad configuration or cannot',
    'listen, 2 bad command line. SIGHUP reloads the TLS certificate and PROXY_CREDENTIALS.',
    '',
    'Documentation:',
    `  ${join(docs, 'operations.md')}      running it: start, health, logs, reload, deploy`,
    `  ${join(docs, 'configuration.md')}   every setting, its default and meaning`,
    '',
  ].join('\n');
}

function groupLines(group: Group): string[] {
  const settings = Object.entries(SETTINGS).filter(([, setting]) => setting.group === group);
  return ['', `${GROUPS[group].title}:`, ...settings.flatMap(([name, setting]) => settingLines(name, setting))];
}

function settingLines(name: string, setting: Setting): string[] {
  const fallback = setting.default ? `[${setting.default}]` : `[${setting.absent ?? 'none'}]`;
  const secret = setting.secret ? `(secret${setting.file ? `; or ${name}${FILE_SUFFIX}` : ''})` : '';
  const notes = [secret, setting.runtime === 'node' ? '(Node only)' : ''].filter(Boolean).join(' ');
  const text = `${fallback} ${plain(setting.meaning)}.${setting.kind.accepts ? ` Accepts ${plain(setting.kind.accepts)}.` : ''}${notes ? ` ${notes}` : ''}`;
  const lines = wrap(text, WIDTH - NAME_COLUMN);
  return lines
    .map((line, i) => (i === 0 ? `  ${name}`.padEnd(NAME_COLUMN) : ' '.repeat(NAME_COLUMN)) + line)
    .map((line) => line.trimEnd());
}

/** The schema's Markdown as terminal text: links become their words, code loses its backticks. */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replaceAll('`', '');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** docs/ of this installation (the package ships it), else the name it has in the repository. */
function docsFolder(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return existsSync(join(dir, 'docs')) ? join(dir, 'docs') : 'docs';
    if (dirname(dir) === dir) return 'docs';
  }
}
