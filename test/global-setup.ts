/** Once before all test files: the Worker bundle the Worker tests run (never built twice at once). */
import { buildWorker } from './helpers/worker-runtime.js';

export default async function setup(): Promise<void> {
  await buildWorker();
}
