/** The legacy host's answer to a request passed through, as it came: status, content type, body. */
export interface LegacyAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
  /** A redirect's target, passed on as it came (redirects are never followed). */
  readonly location?: string;
}
