/**
 * How the demo shows a legacy exchange to a person: the request's parameters (the signature
 * elided) and the answer as a short table.
 */
interface LegacyAnswer {
  code: number;
  message: string;
  codeDesc?: string;
  totalCount?: number;
  imageSet?: Array<Record<string, unknown>>;
  instanceSet?: Array<Record<string, unknown>>;
  /** A 3.0-shaped answer, to a transitional (Version=2017-03-12) call. */
  Response?: {
    TotalCount?: number;
    ImageSet?: Array<Record<string, unknown>>;
    Error?: { Code: string; Message: string };
  };
}

export function printRequest(title: string, method: string, url: string, params: Record<string, string>): void {
  console.log(`── ${title}`);
  const shown = Object.entries(params).map(([k, v]) => `${k}=${k === 'Signature' ? '…' : v}`);
  console.log(`   ${method} ${url}\n   ${shown.join('&')}`);
}

export function printAnswer(answer: unknown): void {
  const { code, message, codeDesc, totalCount, imageSet, instanceSet, Response } = answer as LegacyAnswer;
  if (Response) {
    const { TotalCount, ImageSet = [], Error } = Response;
    console.log(
      Error
        ? `   → 3.0 error ${Error.Code}: ${Error.Message}\n`
        : `   → 3.0 answer: TotalCount ${TotalCount}, ${ImageSet.map((i) => i.ImageId).join(', ')}\n`,
    );
    return;
  }
  if (instanceSet) {
    console.log(
      `   → code ${code}, totalCount ${totalCount}, ${instanceSet.map((i) => i.unInstanceId).join(', ')} (from the legacy host)\n`,
    );
    return;
  }
  if (code !== 0) {
    console.log(`   → code ${code} (${codeDesc}): ${message}\n`);
    return;
  }
  console.log(`   → code 0, totalCount ${totalCount}, ${imageSet?.length ?? 0} in imageSet`);
  for (const image of (imageSet ?? []).slice(0, 5)) {
    console.log(
      `     ${image.unImgId}  status ${image.status}  ${String(image.createTime).padEnd(19)}  ${image.imageName}`,
    );
  }
  if ((imageSet?.length ?? 0) > 5) console.log(`     … ${imageSet!.length - 5} more`);
  console.log('');
}
