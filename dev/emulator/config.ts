/**
 * Start-up configuration of `npm run emulator`, read once from the environment: EMULATOR_PORT
 * (default 9000), EMULATOR_HOST (default 127.0.0.1), EMULATOR_ACCOUNTS (optional JSON array of
 * `{secretId, secretKey, uin, token?, denied?}` replacing the demo accounts), EMULATOR_FAULT (optional
 * `kind[:probability[:delayMs]]`, see faults.ts). Every problem is reported at once.
 */
import { DEMO_ACCOUNTS } from './accounts.js';
import type { EmulatorAccount } from './accounts.js';
import { parseFaultPlan, type FaultPlan } from './faults.js';
import { DEFAULT_EMULATOR_HOSTNAME } from './server.js';

export const DEFAULT_EMULATOR_PORT = 9000;

export interface EmulatorConfig {
  readonly port: number;
  readonly hostname: string;
  readonly accounts: readonly EmulatorAccount[];
  /** True when EMULATOR_ACCOUNTS was not set (the public demo accounts are served). */
  readonly demoAccounts: boolean;
  /** A fault to inject from the start (EMULATOR_FAULT). */
  readonly fault?: FaultPlan;
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw === '') return DEFAULT_EMULATOR_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) problems.push(`EMULATOR_PORT: \`${raw}\` is not a port number (0-65535).`);
  return port;
}

function parseAccounts(raw: string, problems: string[]): EmulatorAccount[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    problems.push('EMULATOR_ACCOUNTS: not valid JSON; expected [{"secretId","secretKey","uin","token"?}, …].');
    return [];
  }
  if (!Array.isArray(value) || value.length === 0) {
    problems.push('EMULATOR_ACCOUNTS: expected a non-empty JSON array of accounts.');
    return [];
  }
  const seen = new Set<string>();
  return value.flatMap((entry: unknown, i): EmulatorAccount[] => {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const before = problems.length;
    const bad = ['secretId', 'secretKey', 'uin'].filter((k) => typeof e[k] !== 'string' || e[k] === '');
    if (bad.length > 0) problems.push(`EMULATOR_ACCOUNTS[${i}]: ${bad.join(', ')} must be non-empty strings.`);
    if (e['token'] !== undefined && typeof e['token'] !== 'string')
      problems.push(`EMULATOR_ACCOUNTS[${i}]: token must be a string.`);
    if (e['denied'] !== undefined && typeof e['denied'] !== 'boolean')
      problems.push(`EMULATOR_ACCOUNTS[${i}]: denied must be true or false.`);
    if (problems.length > before) return [];
    const account = { secretId: String(e['secretId']), secretKey: String(e['secretKey']), uin: String(e['uin']) };
    if (seen.has(account.secretId))
      problems.push(`EMULATOR_ACCOUNTS[${i}]: SecretId ${account.secretId} appears twice.`);
    seen.add(account.secretId);
    return [
      {
        ...account,
        ...(typeof e['token'] === 'string' ? { token: e['token'] } : {}),
        ...(e['denied'] === true ? { denied: true } : {}),
      },
    ];
  });
}

export function loadEmulatorConfig(env: Readonly<Record<string, string | undefined>>): EmulatorConfig {
  const problems: string[] = [];
  const port = parsePort(env['EMULATOR_PORT'], problems);
  const rawAccounts = env['EMULATOR_ACCOUNTS'];
  const demoAccounts = rawAccounts === undefined || rawAccounts.trim() === '';
  const accounts = demoAccounts ? DEMO_ACCOUNTS : parseAccounts(rawAccounts, problems);
  let fault: FaultPlan | undefined;
  try {
    fault = env['EMULATOR_FAULT'] ? parseFaultPlan(env['EMULATOR_FAULT']) : undefined;
  } catch (error) {
    problems.push(`EMULATOR_FAULT: ${(error as Error).message}.`);
  }
  if (problems.length > 0) throw new Error(`Invalid emulator configuration:\n  ${problems.join('\n  ')}`);
  return Object.freeze({
    port,
    hostname: env['EMULATOR_HOST'] || DEFAULT_EMULATOR_HOSTNAME,
    accounts,
    demoAccounts,
    ...(fault ? { fault } : {}),
  });
}
