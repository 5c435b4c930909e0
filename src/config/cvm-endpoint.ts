/**
 * CVM_ENDPOINT: the API 3.0 endpoint, an http(s) origin (the emulator's local http one works too).
 */
import { parseCvm3Endpoint, type Cvm3Endpoint } from '../upstream/cvm3/endpoint.js';
import { INVALID, type Kind } from './setting.js';
import { missingScheme, shownUrl } from './shown-url.js';

export const cvmEndpoint: Kind<Cvm3Endpoint> = {
  parse(text, name, problems) {
    if (missingScheme(text, name, ['http://', 'https://'], problems)) return INVALID;
    try {
      return parseCvm3Endpoint(text);
    } catch (error) {
      problems.push(
        `${name} ${error instanceof TypeError ? 'is not a URL' : (error as Error).message}: ${shownUrl(text)}`,
      );
      return INVALID;
    }
  },
};
