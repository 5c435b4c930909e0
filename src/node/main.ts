/**
 * The entry point's earlier name (`node build/node/main.js`), kept so that existing units, images
 * and scripts keep working: the same command as build/node/cli.js (src/node/cli.ts), run the same way.
 */
import { runCli } from './cli/run.js';
import { serve } from './cli/serve.js';

const status = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }, serve);
if (status !== undefined) process.exit(status);
