/**
 * `npm run emulator`: the built-in CVM 3.0 emulator on a port of this machine, so that a 3.0 SDK
 * (or the proxy, with CVM_ENDPOINT) can be tried offline. Configuration: see config.ts.
 */
import { CVM3_VERSION, DESCRIBE_IMAGES } from '../../src/core/cvm3/types.js';
import { loadEmulatorConfig } from './config.js';
import type { EmulatorConfig } from './config.js';
import { startEmulatorServer } from './server.js';

function configOrExit(): EmulatorConfig {
  try {
    return loadEmulatorConfig(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const config = configOrExit();

const server = await startEmulatorServer(config).catch((error: unknown) => {
  console.error(
    `Cannot listen on ${config.hostname}:${config.port}: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
if (config.fault) {
  server.faults.set(config.fault);
  console.log(`Fault injection on: ${config.fault.kind}, probability ${config.fault.probability ?? 1}`);
}
const endpoint = new URL(server.url).host;
console.log(`CVM API 3.0 emulator (${DESCRIBE_IMAGES}, version ${CVM3_VERSION}) listening on ${server.url}`);
console.log(config.demoAccounts ? 'Demo accounts (public demo keys):' : 'Accounts from EMULATOR_ACCOUNTS:');
for (const account of config.accounts) {
  const key = config.demoAccounts ? `  SecretKey ${account.secretKey}` : '';
  console.log(`  SecretId ${account.secretId}${key}  uin ${account.uin}`);
}
const profile = `{ httpProfile: { endpoint: '${endpoint}', protocol: 'http://' } }`;
console.log(`SDK: new cvm.v20170312.Client({ credential, region: 'ap-guangzhou', profile: ${profile} })`);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
