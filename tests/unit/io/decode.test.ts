import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bomOf,
  decodeChunks,
  detectFileEncoding,
  firstInvalidUtf8,
  sniffEncoding,
  utf16Pattern,
} from '../../../src/io/decode.js';

const TEXT = '客户名称,产品名称,规格\n北京协和医院,西地碘含片,1.5mg*15片\n';
// 䶮 (U+4DAE) and 𠀀 are outside GBK: GB18030 encodes them in four bytes.
const GB18030_ONLY = '客户名称\n龑䶮𠀀药房\n';

const dir = mkdtempSync(join(tmpdir(), 'df-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(bytes: Buffer): { path: string; size: number } {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, bytes);
  return { path, size: bytes.length };
}

describe('bomOf', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x41], { encoding: 'utf-8', length: 3 }],
    [[0xff, 0xfe, 0x41, 0x00], { encoding: 'utf-16le', length: 2 }],
    [[0xfe, 0xff, 0x00, 0x41], { encoding: 'utf-16be', length: 2 }],
    [[0x84, 0x31, 0x95, 0x33, 0x41], { encoding: 'gb18030', length: 4 }],
    [[0x41, 0x42], null],
  ])('%j → %j', (bytes, expected) => {
    expect(bomOf(Buffer.from(bytes))).toEqual(expected);
  });
});

describe('sniffEncoding', () => {
  it.each([
    ['ASCII', Buffer.from('date,qty\n2026-10-01,5\n'), 'utf-8'],
    ['UTF-8', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8'],
    ['GBK', iconv.encode(TEXT, 'gbk'), 'gb18030'],
    ['GB18030-only characters', iconv.encode(GB18030_ONLY, 'gb18030'), 'gb18030'],
    ['UTF-16LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le'],
    ['UTF-16LE without BOM', Buffer.from('date,qty,customer\n2026-10-01,5,协和\n', 'utf16le'), 'utf-16le'],
    ['UTF-8 cut mid-character at the sample end', Buffer.from(TEXT, 'utf8').subarray(0, 20), 'utf-8'],
    ['bytes invalid in every encoding', Buffer.from([0x41, 0xff, 0xff, 0xff, 0x80, 0x80, 0x42, 0x0a]), 'binary'],
  ])('%s → %s', (_label, bytes, expected) => {
    expect(sniffEncoding(bytes)).toBe(expected);
  });

  it('does not mistake UTF-16 for binary', () => {
    expect(utf16Pattern(Buffer.from('abc,def\n', 'utf16le'))).toBe('utf-16le');
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [Buffer.from('协和', 'utf8'), -1],
    [Buffer.concat([Buffer.from('ab'), iconv.encode('北京', 'gbk')]), 2],
    // GBK 协 (D0 AD) happens to be a valid UTF-8 pair; 和 (BA CD) is not.
    [Buffer.concat([Buffer.from('ab'), iconv.encode('协和', 'gbk')]), 4],
    [Buffer.from([0xc0, 0x80]), 0], // overlong
    [Buffer.from([0xed, 0xa0, 0x80]), 0], // surrogate
    [Buffer.from([0x41, 0xe5, 0x8d]), -1], // incomplete at the end: more may follow
  ])('%j → %d', (bytes, expected) => {
    expect(firstInvalidUtf8(bytes)).toBe(expected);
  });

  // A long sample is checked natively up to a character cut at its end; the cut end and any
  // problem are judged byte by byte. Text of 1-, 2-, 3- and 4-byte characters.
  const long = Buffer.from('a协ß𠀀,'.repeat(20_000), 'utf8');
  it('takes a long sample cut anywhere inside its last character as valid', () => {
    for (let cut = 1; cut <= 12; cut++) expect(firstInvalidUtf8(long.subarray(0, long.length - cut))).toBe(-1);
  });

  it('finds the first bad byte of a long sample, in its middle or in a cut last character', () => {
    const at = (bytes: number[], middle: boolean) => {
      const body = middle ? long.subarray(0, 50_001) : long;
      const bad = Buffer.concat([body, Buffer.from(bytes), middle ? long : Buffer.alloc(0)]);
      return firstInvalidUtf8(bad);
    };
    expect(at([0xff], true)).toBe(50_001);
    expect(at([0xe5, 0x41], false)).toBe(long.length); // a lead byte followed by no continuation
    expect(at([0x80], false)).toBe(long.length); // a stray continuation byte at the very end
    expect(at([0xf0, 0xa0, 0x41], false)).toBe(long.length);
    expect(at([0xff], false)).toBe(long.length); // never a lead byte, where a cut character would start
    expect(at([0xc1], false)).toBe(long.length); // an overlong lead
  });
});

describe('detectFileEncoding', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT), 'auto', 'utf-8', 0],
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'auto', 'utf-8', 3],
    ['GBK', iconv.encode(TEXT, 'gbk'), 'auto', 'gb18030', 0],
    ['GBK declared gb18030', iconv.encode(TEXT, 'gbk'), 'gb18030', 'gb18030', 0],
    ['UTF-16LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'auto', 'utf-16le', 2],
    ['UTF-8 declared utf-8', Buffer.from(TEXT), 'utf-8', 'utf-8', 0],
  ] as const)('%s (declared %s)', (_label, bytes, declared, encoding, bomLength) => {
    const f = file(bytes);
    expect(detectFileEncoding(f.path, f.size, declared)).toEqual({ encoding, bomLength });
  });

  it('decides GB18030 on a sample whose characters straddle the pieces it is decoded in', () => {
    const f = file(Buffer.concat([Buffer.from('a'), iconv.encode('北京协和医院,西地碘含片,龑䶮𠀀\n'.repeat(40_000), 'gb18030')]));
    expect(detectFileEncoding(f.path, f.size, 'auto').encoding).toBe('gb18030');
  });

  it('looks past a pure-ASCII first megabyte', () => {
    const ascii = Buffer.from('code,qty\n'.repeat(150_000));
    const f = file(Buffer.concat([ascii, iconv.encode('北京协和医院,5\n', 'gbk')]));
    expect(detectFileEncoding(f.path, f.size, 'auto').encoding).toBe('gb18030');
  });

  it('a GBK file declared utf-8 fails and suggests gb18030', () => {
    const f = file(iconv.encode(TEXT, 'gbk'));
    expect(() => detectFileEncoding(f.path, f.size, 'utf-8')).toThrow(
      /not valid UTF-8 \(first invalid byte at offset 0\).*gb18030/,
    );
  });

  it('a BOM contradicting the declared encoding is an error', () => {
    const f = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
    expect(() => detectFileEncoding(f.path, f.size, 'gb18030')).toThrow(/declared gb18030 .* UTF-16LE byte-order mark/);
  });
});

describe('decodeChunks', () => {
  async function decodeAll(bytes: Buffer, declared: 'auto' | 'utf-8' = 'auto'): Promise<string> {
    const f = file(bytes);
    let out = '';
    for await (const chunk of decodeChunks(f.path, detectFileEncoding(f.path, f.size, declared))) out += chunk;
    return out;
  }

  it.each([
    ['UTF-8 BOM stripped', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])],
    ['GBK', iconv.encode(TEXT, 'gbk')],
    ['UTF-16LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
  ])('%s', async (_label, bytes) => {
    expect(await decodeAll(bytes)).toBe(TEXT);
  });

  it('keeps characters split across the boundaries of the pieces it reads', async () => {
    const big = '北京协和医院,西地碘含片,1.5mg*15片\n'.repeat(60_000);
    expect(await decodeAll(iconv.encode(big, 'gb18030'))).toBe(big);
    expect(await decodeAll(Buffer.from(big, 'utf8'))).toBe(big);
  });

  it('GB18030-only characters survive', async () => {
    expect(await decodeAll(iconv.encode(GB18030_ONLY, 'gb18030'))).toBe(GB18030_ONLY);
  });

  it('UTF-8 that turns invalid after the sample fails with the byte offset', async () => {
    const head = Buffer.from('客户,数量\n'.repeat(120_000));
    const bytes = Buffer.concat([head, iconv.encode('北京协和医院,5\n', 'gbk')]);
    await expect(decodeAll(bytes, 'utf-8')).rejects.toThrow(`first invalid byte at offset ${head.length}`);
  });
});
