/**
 * The request's one deadline, held against every 3.0 answer: an answer that arrives (or finishes
 * parsing) after it is a 6200, never a late success (docs/contract.md#ours-upstream-errors). The
 * signal alone cannot say so: it is aborted by a timer, which cannot fire while a long answer is
 * being read or parsed. `now` is the clock the deadline was set with (the gateway's).
 */
import { upstreamUnavailable } from '../../core/translate/upstream-errors.js';
import type { Cvm3Client } from './client.js';

export function withDeadline(client: Cvm3Client, now: () => number): Cvm3Client {
  return {
    async describeImages(call) {
      const answer = await client.describeImages(call);
      if (call.signal.aborted || now() >= call.deadline)
        throw upstreamUnavailable('no answer before the deadline', new Error('the answer arrived after the deadline'));
      return answer;
    },
  };
}
