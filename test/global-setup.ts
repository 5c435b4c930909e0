/**
 * Once before all test files: the Worker bundle the Worker tests run (never built twice at once).
 * Each vitest project runs the global setup; the first build marks the process so the second skips it.
 */
import { buildWorker } from './helpers/worker-runtime.js';

const BUILT = 'QCLOUD_PROXY_TEST_WORKER_BUILT';

export default async function setup(): Promise<void> {
  if (process.env[BUILT]) return;
  await buildWorker();
  process.env[BUILT] = '1';
}
