/**
 * `npx tsx dev/legacy-standin/main.ts`: the legacy API 2.0 stand-in on a port of this machine,
 * with the emulator's demo accounts, so the proxy's pass-through and shadow comparison can be
 * tried offline. Configuration: see config.ts. Prints one line: where it listens.
 */
import { DEMO_ACCOUNTS } from '../emulator/accounts.js';
import { loadStandinConfig, type StandinConfig } from './config.js';
import { startLegacyStandin } from './server.js';

function configOrExit(): StandinConfig {
  try {
    return loadStandinConfig(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const config = configOrExit();
const server = await startLegacyStandin({ ...config, accounts: DEMO_ACCOUNTS }).catch((error: unknown) => {
  console.error(
    `Cannot listen on ${config.hostname}:${config.port}: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
// SecretIds only: the demo SecretKeys are public, but nothing secret-shaped goes to a log.
const modes =
  config.disagree !== 'none' || config.fail !== 'none' ? `, disagree=${config.disagree} fail=${config.fail}` : '';
console.log(
  `Legacy API 2.0 stand-in listening on ${server.endpoint} (demo SecretIds ${DEMO_ACCOUNTS.map((a) => a.secretId).join(', ')}${modes})`,
);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
