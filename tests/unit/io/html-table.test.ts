import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../src/io/html-entities.js';
import { extractTables, TableTooWideError } from '../../../src/io/html-table.js';
import { htmlEncoding, metaCharset } from '../../../src/io/html.js';

const rowsOf = (html: string): string[][] => extractTables(html, { maxColumns: 512 })[0]?.rows ?? [];

describe('extractTables', () => {
  it.each([
    ['simple', '<table><tr><td>a</td><td>b</td></tr></table>', [['a', 'b']]],
    ['th and upper case', '<TABLE><TR><TH>客户</TH><TH>数量</TH></TR></TABLE>', [['客户', '数量']]],
    [
      'colspan repeats empty cells',
      '<table><tr><td colspan="3">销售流向表</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>',
      [['销售流向表', '', ''], ['a', 'b', 'c']],
    ],
    ['unquoted colspan', '<table><tr><td colspan=2>x</td><td>y</td></tr></table>', [['x', '', 'y']]],
    [
      'rowspan shifts the cells below',
      '<table><tr><td rowspan="2">协和</td><td>1</td></tr><tr><td>2</td></tr></table>',
      [['协和', '1'], ['', '2']],
    ],
    [
      'entities',
      '<table><tr><td>A&amp;B</td><td>&#21271;&#x4eac;</td><td>&lt;5mg&gt;</td><td>&nbsp;</td><td>1&nbsp;2</td></tr></table>',
      [['A&B', '北京', '<5mg>', '', '1 2']],
    ],
    [
      'nested tags stripped, whitespace collapsed',
      '<table><tr><td><span style="x"><b>西地碘</b>含片</span>\n   <font color=red>1.5mg*15片</font></td></tr></table>',
      [['西地碘含片 1.5mg*15片']],
    ],
    ['br is a line break', '<table><tr><td>北京市<br/>东城区<br></td></tr></table>', [['北京市\n东城区']]],
    [
      'missing closing tags',
      '<table><tr><td>a<td>b<tr><td>c<td>d</table>',
      [['a', 'b'], ['c', 'd']],
    ],
    ['blank rows kept', '<table><tr><td>a</td></tr><tr></tr><tr><td></td></tr></table>', [['a'], [], ['']]],
    [
      'comments, scripts and styles skipped',
      '<table><!-- <tr><td>no</td></tr> --><tr><td>a<script>var s="<td>x</td>";</script></td><style>td{}</style></tr></table>',
      [['a']],
    ],
    ['a bare < is text', '<table><tr><td>剂量<5mg</td></tr></table>', [['剂量<5mg']]],
    ['quoted > inside attributes', '<table><tr><td title="a>b">x</td></tr></table>', [['x']]],
  ])('%s', (_label, html, expected) => {
    expect(rowsOf(html)).toEqual(expected);
  });

  it('every table is a separate result, in document order, nested ones included', () => {
    const html = '<table><tr><td>outer<table><tr><td>inner</td></tr></table></td></tr></table><table><tr><td>second</td></tr></table>';
    expect(extractTables(html, { maxColumns: 10 }).map((t) => t.rows)).toEqual([[['outer']], [['inner']], [['second']]]);
  });

  it('tables without rows are dropped', () => {
    expect(extractTables('<html><table></table><p>no table</p></html>', { maxColumns: 10 })).toEqual([]);
  });

  it('a colspan past the column limit fails before building the row', () => {
    expect(() => extractTables('<table><tr><td colspan=999999>x</td></tr></table>', { maxColumns: 512 })).toThrow(
      TableTooWideError,
    );
  });

  it('stays linear on hostile input', () => {
    const hostile = '<table><tr><td>' + '<'.repeat(200_000) + '"='.repeat(100_000) + '<td a="'.repeat(50_000);
    const started = Date.now();
    extractTables(hostile, { maxColumns: 512 });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('decodeEntities', () => {
  it.each([
    ['&amp;&lt;&gt;&quot;&apos;', '&<>"\''],
    ['&#12345;&#x1F600;', '\u3039😀'],
    ['&nbsp', '\u00a0'],
    ['&unknown; & alone', '&unknown; & alone'],
    ['&#150;', '–'],
    ['&#0;&#xD800;', '\ufffd\ufffd'],
  ])('%s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('HTML encoding', () => {
  const page = (meta: string, body: string): string => `<html><head>${meta}</head><body><table><tr><td>${body}</td></tr></table></body></html>`;
  it.each([
    ['<meta charset="gbk">', 'gb18030'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', 'gb18030'],
    ["<META HTTP-EQUIV='Content-Type' CONTENT='text/html;charset=UTF-8'>", 'utf-8'],
    ['<meta charset=unicode>', 'utf-16le'],
    ['<meta name="x">', null],
  ])('metaCharset %s → %s', (meta, expected) => {
    expect(metaCharset(Buffer.from(page(meta, 'x')))).toBe(expected);
  });

  it.each([
    ['GBK page declaring gbk', iconv.encode(page('<meta charset=gbk>', '北京协和医院'), 'gbk'), 'gb18030'],
    ['GBK page without meta', iconv.encode(page('', '北京协和医院'), 'gbk'), 'gb18030'],
    ['GBK page falsely declaring utf-8', iconv.encode(page('<meta charset="utf-8">', '北京协和医院'), 'gbk'), 'gb18030'],
    ['UTF-8 page falsely declaring gb2312', Buffer.from(page('<meta charset="gb2312">', '北京协和医院')), 'utf-8'],
    ['UTF-16LE page with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page('', '协和'), 'utf16le')]), 'utf-16le'],
  ])('%s → %s', (_label, bytes, expected) => {
    expect(htmlEncoding('f.xls', bytes, 'auto').encoding).toBe(expected);
  });

  it('a GBK page declared utf-8 in the pipeline fails', () => {
    expect(() => htmlEncoding('f.xls', iconv.encode(page('', '北京'), 'gbk'), 'utf-8')).toThrow(/not valid UTF-8/);
  });
});
