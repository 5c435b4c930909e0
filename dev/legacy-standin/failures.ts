/**
 * The answers of the fail modes (modes.ts): what a broken legacy host sends instead of a legacy
 * answer, so that the proxy's shadow and pass-through paths meet each kind of failure.
 */
import type { FailMode } from './modes.js';

/** What PHP printed when the legacy host's script died; a body that does not parse as JSON. */
export const GARBAGE_BODY =
  '<br />\n<b>Fatal error</b>:  Uncaught exception in /data/www/v2/index.php on line 42<br />\n';

/** The response the mode puts in place of the legacy answer, or undefined for `none`. */
export async function failureResponse(mode: FailMode, signal: AbortSignal): Promise<Response | undefined> {
  switch (mode) {
    case 'none':
      return undefined;
    case 'http500':
      return new Response('Internal Server Error', {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    case 'garbage':
      // Labelled JSON on purpose: a client must not trust the content type alone.
      return new Response(GARBAGE_BODY, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
    case 'hang':
      // On Node the request's signal aborts when the client closes the connection or the server
      // closes it; through `app.request()` only the caller's own signal ends the wait.
      await new Promise<void>((resolve) =>
        signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      return new Response(null, { status: 500 });
  }
}
