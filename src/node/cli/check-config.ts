/**
 * `qcloud-legacy-proxy check-config`: reads the settings exactly as `serve` would (and the TLS
 * files, which `serve` reads before it listens), prints every setting as it will run, keys masked,
 * with where it came from, then the problems and warnings. Exit status 0 when `serve` would start
 * with it, 1 when it would not. Nothing listens and nothing is called.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { effectiveSettings, groupTitle } from '../../config/effective-settings.js';
import { ConfigError, loadConfig, type ProxyConfig } from '../../config/load-config.js';
import { GROUPS } from '../../config/schema.js';
import { configWarnings } from '../../config/warnings.js';
import { readTextFile, type Environment } from './env-file.js';

const NAME_COLUMN = 32;

export interface Output {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export function checkConfig(environment: Environment, io: Output, title: string): number {
  const { env, fromFile } = environment;
  let config: ProxyConfig | undefined;
  let problems: readonly string[] = [];
  try {
    config = loadConfig(env, readTextFile);
    problems = tlsProblems(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = error.problems;
  }
  const lines = [
    `${title}: ${problems.length === 0 ? 'the configuration is valid' : 'the configuration is NOT valid'}`,
  ];
  let group = '';
  // Grouped as on the reference page (docs/configuration.md), in the schema's order within a group.
  const order = Object.keys(GROUPS);
  const settings = effectiveSettings(env, readTextFile, fromFile).sort(
    (a, b) => order.indexOf(a.group) - order.indexOf(b.group),
  );
  for (const setting of settings) {
    if (setting.group !== group) lines.push('', `${groupTitle((group = setting.group))}:`);
    lines.push(`${`  ${setting.name}`.padEnd(NAME_COLUMN)}${setting.shown || '(none)'}  (${setting.from})`);
  }
  const warnings = config && problems.length === 0 ? configWarnings(config) : [];
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map((w) => `  - ${w}`));
  io.stdout.write(`${lines.join('\n')}\n`);
  if (problems.length === 0) return 0;
  io.stderr.write(`${new ConfigError(problems).message}\n`);
  return 1;
}

/** The certificate and key `serve` will load: readable, and a pair. */
function tlsProblems(config: ProxyConfig): string[] {
  if (!config.tls) return [];
  const { certFile, keyFile } = config.tls;
  const problems: string[] = [];
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      problems.push(`${name}: cannot read ${path} (${(error as { code?: string }).code ?? 'unreadable'})`);
      return undefined;
    }
  };
  const [cert, key] = [read('TLS_CERT_FILE', certFile), read('TLS_KEY_FILE', keyFile)];
  if (!cert || !key) return problems;
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    // OpenSSL's reason (e.g. "key values mismatch"), never the file's content.
    problems.push(
      `TLS_CERT_FILE and TLS_KEY_FILE do not load as a certificate and its key: ${(error as Error).message}`,
    );
  }
  return problems;
}
