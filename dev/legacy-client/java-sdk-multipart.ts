/**
 * The POST body of the legacy Java SDK (QcloudApi/qcloudapi-sdk-java 2.0.7, `Request.java`), byte
 * for byte: it has no other POST encoding. A boundary of 27 dashes and 15 hex characters; each
 * field as CRLF, `--BOUNDARY`, CRLF, its Content-Disposition, an empty line and the value (no CRLF
 * after the value: the next field's CRLF closes it), then CRLF `--BOUNDARY--` CRLF. Note the CRLF
 * before the first boundary line. Values are UTF-8, the JVM's default encoding.
 */
export interface JavaMultipartBody {
  readonly contentType: string;
  readonly body: Uint8Array<ArrayBuffer>;
}

export interface JavaFilePart {
  readonly name: string;
  readonly filename: string;
  readonly content: string;
}

/** `boundaryHex` (15 hex characters) is random in the SDK; fixed here for byte-exact tests. */
export function javaSdkMultipart(
  fields: Readonly<Record<string, string>>,
  boundaryHex = '1a2b3c4d5e6f708',
  file?: JavaFilePart,
): JavaMultipartBody {
  const boundary = `${'-'.repeat(27)}${boundaryHex}`;
  let text = '';
  for (const [name, value] of Object.entries(fields)) {
    text += `\r\n--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
  }
  if (file) {
    // The SDK's `entityFile`: a file part with a filename and a binary content type.
    text +=
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"` +
      `\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}`;
  }
  text += `\r\n--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: new TextEncoder().encode(text) };
}
