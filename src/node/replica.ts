/**
 * Which process wrote a log line: its pid and the machine's (or pod's, or container's) host name,
 * as pino writes them by default, in every line (docs/operations.md#logs).
 */
import { hostname } from 'node:os';

export type ReplicaIdentity = { readonly pid: number; readonly hostname: string };

export function replicaIdentity(): ReplicaIdentity {
  return { pid: process.pid, hostname: hostname() };
}
