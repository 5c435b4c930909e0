/**
 * The 3.0 endpoint as the official SDK wants it: a protocol (`https://`) and an endpoint
 * (`host[:port]`); the SDK itself appends `/`. Parsed once from CVM_ENDPOINT.
 */
export interface Cvm3Endpoint {
  readonly protocol: 'http://' | 'https://';
  /** `host[:port]`, what the SDK calls `endpoint`. */
  readonly host: string;
  readonly url: string;
}

export function parseCvm3Endpoint(text: string): Cvm3Endpoint {
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('must be an http:// or https:// URL');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new Error('must have no path, query or fragment');
  if (url.username || url.password) throw new Error('must not carry credentials');
  return {
    protocol: `${url.protocol}//` as Cvm3Endpoint['protocol'],
    host: url.host,
    url: `${url.protocol}//${url.host}`,
  };
}
