/**
 * The entry point's earlier name (`node build/node/main.js`), kept so that existing units, images
 * and scripts keep working: the same command as build/node/cli.js (src/node/cli.ts), run the same way.
 */
import { runCli, type ServeCommand } from './cli/run.js';

// The server and everything behind it (the 3.0 SDK, Redis, metrics) load only to serve: --help,
// --version and check-config answer at once.
const serve: ServeCommand = async (...args) => (await import('./cli/serve.js')).serve(...args);

const status = await runCli(
  process.argv.slice(2),
  { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env },
  serve,
);
if (status !== undefined) process.exit(status);
