/** How the demo shows an exchange: parameters with the signature elided, answers as a short table. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { printAnswer, printRequest } from '../../../dev/demo/print.js';

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());
const output = () => printed.join('\n');

describe('printRequest', () => {
  it('shows the method, URL and every parameter, but never the Signature', () => {
    printRequest('public images', 'GET', 'http://proxy/v2/index.php', {
      Action: 'DescribeImages',
      SecretId: 'AKIDa',
      Signature: 'c2VjcmV0',
    });
    expect(output()).toBe(
      '── public images\n   GET http://proxy/v2/index.php\n   Action=DescribeImages&SecretId=AKIDa&Signature=…',
    );
  });
});

describe('printAnswer', () => {
  it('a success: the count and the first five images, then how many more', () => {
    const imageSet = Array.from({ length: 7 }, (_, i) => ({
      unImgId: `img-0000000${i}`,
      status: 2,
      createTime: '2024-07-01 08:00:00',
      imageName: `n${i}`,
    }));
    printAnswer({ code: 0, message: '', totalCount: 40, imageSet });
    expect(printed[0]).toBe('   → code 0, totalCount 40, 7 in imageSet');
    expect(printed[1]).toBe('     img-00000000  status 2  2024-07-01 08:00:00  n0');
    expect(printed).toHaveLength(8);
    expect(printed[6]).toBe('     … 2 more');
  });

  it('an error: its code, codeDesc and message', () => {
    printAnswer({ code: 4000, codeDesc: 'InvalidParameter', message: 'limit: too big' });
    expect(output()).toBe('   → code 4000 (InvalidParameter): limit: too big\n');
  });

  it('a pass-through DescribeInstances answer, and 3.0-shaped answers and errors', () => {
    printAnswer({
      code: 0,
      message: '',
      totalCount: 2,
      instanceSet: [{ unInstanceId: 'ins-1' }, { unInstanceId: 'ins-2' }],
    });
    printAnswer({ Response: { TotalCount: 1, ImageSet: [{ ImageId: 'img-31tjrtph' }] } });
    printAnswer({ Response: { Error: { Code: 'InvalidFilter', Message: 'no' } } });
    expect(printed).toEqual([
      '   → code 0, totalCount 2, ins-1, ins-2 (from the legacy host)\n',
      '   → 3.0 answer: TotalCount 1, img-31tjrtph\n',
      '   → 3.0 error InvalidFilter: no\n',
    ]);
  });
});
