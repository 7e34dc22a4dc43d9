import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { isEncryptedOle, resolveFormat, sniffFormat } from '../../../src/io/detect-format.js';
import { InputFileError } from '../../../src/errors.js';
import { randomBytes } from '../../integration/io/helpers.js';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const bom8 = (s: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(s)]);
const utf16le = (s: string, bom = true): Buffer =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, 'utf16le')]);
const gbk = (s: string): Buffer => iconv.encode(s, 'gbk');

describe('sniffFormat', () => {
  it.each([
    ['zip (xlsx)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), 'xlsx'],
    ['OLE2 (xls)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'xls'],
    ['html tag', utf8('<html><body><table><tr><td>1</td></tr></table></body></html>'), 'html'],
    ['doctype after BOM + blank lines', bom8('\r\n\n  <!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.0//EN"><html>'), 'html'],
    ['bare table', utf8('<table border=1><tr><td>产品名称</td></tr></table>'), 'html'],
    ['meta first', gbk('<meta http-equiv="Content-Type" content="text/html; charset=gbk"><table>'), 'html'],
    ['comment then html', utf8('<!-- exported by ERP --><html>'), 'html'],
    ['xml-declared xhtml', utf8('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), 'html'],
    ['UTF-16LE html with BOM', utf16le('<html><table>'), 'html'],
    ['UTF-16LE html without BOM', utf16le('<html><table><tr><td>a</td></tr></table>', false), 'html'],
    [
      'Excel 2003 XML spreadsheet',
      utf8('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'),
      'xls',
    ],
    ['utf-8 csv', utf8('销售日期,产品名称\n2026-10-01,西地碘含片\n'), 'csv'],
    ['gbk csv', gbk('国药控股湖北有限公司销售流向表 2026年10月\n销售日期,产品名称\n'), 'csv'],
    ['utf-16le tab text', utf16le('产品名称\t数量\r\n西地碘含片\t10\r\n'), 'csv'],
    ['random bytes', randomBytes(4096, 7), 'binary'],
    ['NUL in text', Buffer.concat([utf8('a,b\n'), Buffer.from([0, 0, 0]), utf8('c,d')]), 'binary'],
    ['PDF-ish control bytes', Buffer.concat([utf8('%PDF-1.4\n'), randomBytes(2000, 3)]), 'binary'],
  ])('%s → %s', (_label, head, expected) => {
    expect(sniffFormat(head)).toBe(expected);
  });
});

describe('resolveFormat', () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
  const html = utf8('<html><table>');
  it.each([
    ['auto', zip, 'xlsx'],
    ['xlsx', zip, 'xlsx'],
    ['auto', html, 'html'],
    ['html', html, 'html'],
  ] as const)('declared %s on matching bytes → %s', (declared, head, expected) => {
    expect(resolveFormat('f.xls', head, declared)).toBe(expected);
  });

  it.each([
    ['xls', html, /format is declared xls but the file is an HTML table/],
    ['csv', zip, /format is declared csv but the file is a zip container/],
    ['xlsx', utf8('a,b\n1,2\n'), /format is declared xlsx but the file is plain text/],
  ] as const)('declared %s contradicting the bytes names both', (declared, head, message) => {
    expect(() => resolveFormat('销售.xls', head, declared)).toThrow(message);
    expect(() => resolveFormat('销售.xls', head, declared)).toThrow(InputFileError);
  });

  it('binary bytes are refused whatever is declared', () => {
    expect(() => resolveFormat('x.csv', randomBytes(2048, 7), 'csv')).toThrow(/x\.csv: not a text file or workbook/);
  });
});

describe('isEncryptedOle', () => {
  it.each([
    ['EncryptedPackage stream name', Buffer.concat([randomBytes(100, 7), Buffer.from('EncryptedPackage', 'utf16le')]), true],
    ['EncryptionInfo stream name', Buffer.concat([Buffer.from('EncryptionInfo', 'utf16le'), randomBytes(10, 7)]), true],
    ['plain workbook stream', Buffer.concat([randomBytes(100, 7), Buffer.from('Workbook', 'utf16le')]), false],
  ])('%s → %s', (_label, buf, expected) => {
    expect(isEncryptedOle(buf)).toBe(expected);
  });
});
