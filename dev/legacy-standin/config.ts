/**
 * Start-up configuration of `dev/legacy-standin/main.ts`, read once from the environment: PORT
 * (default 9100), HOST (default 127.0.0.1), and optionally STANDIN_DISAGREE / STANDIN_FAIL (a mode
 * of modes.ts to start in, for demos of shadow comparison). Every problem is reported at once.
 */
import { DISAGREE_MODES, FAIL_MODES, isDisagreeMode, isFailMode, type DisagreeMode, type FailMode } from './modes.js';
import { DEFAULT_STANDIN_HOSTNAME } from './server.js';

export const DEFAULT_STANDIN_PORT = 9100;

export interface StandinConfig {
  readonly port: number;
  readonly hostname: string;
  readonly disagree: DisagreeMode;
  readonly fail: FailMode;
}

export function loadStandinConfig(env: Readonly<Record<string, string | undefined>>): StandinConfig {
  const problems: string[] = [];
  const rawPort = env['PORT'] || String(DEFAULT_STANDIN_PORT);
  const port = Number(rawPort);
  if (!/^[0-9]{1,5}$/.test(rawPort) || port > 65_535)
    problems.push(`PORT: \`${rawPort.slice(0, 20)}\` is not a port number (0-65535).`);
  const disagree = env['STANDIN_DISAGREE'] || 'none';
  if (!isDisagreeMode(disagree)) problems.push(`STANDIN_DISAGREE: must be one of ${DISAGREE_MODES.join(', ')}.`);
  const fail = env['STANDIN_FAIL'] || 'none';
  if (!isFailMode(fail)) problems.push(`STANDIN_FAIL: must be one of ${FAIL_MODES.join(', ')}.`);
  if (problems.length > 0 || !isDisagreeMode(disagree) || !isFailMode(fail)) {
    throw new Error(`Invalid legacy stand-in configuration:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze({ port, hostname: env['HOST'] || DEFAULT_STANDIN_HOSTNAME, disagree, fail });
}
