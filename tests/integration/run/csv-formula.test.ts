import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkspace, query, runQuietly } from '../../helpers/workspace.js';

describe('CSV exports people open in Excel', () => {
  it('quote text Excel would run as a formula, and keep the exact text in the database and Parquet', async () => {
    const hostile = '=HYPERLINK("http://example.invalid","点我")';
    const ws = makeWorkspace({
      'pipelines/bek.yaml': 'distributor: D0001\nkind: sales\nfiles: "bek/*.csv"\n',
      'inbox/bek/SM_D0001_202610.csv': ['销售日期,客户名称,产品名称,数量', `2026-10-01,"${hostile.replaceAll('"', '""')}",阿卡波糖片,5`, '2026-10-02,-北京协和医院,阿卡波糖片,-2'].join('\n'),
    });
    await runQuietly(ws);
    const csv = readFileSync(path.join(ws, 'out/2026-10/unresolved_rows.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
    // The second row resolves to 北京协和医院: its raw name is text and quoted, its quantity a number and not.
    const terminal = readFileSync(path.join(ws, 'out/2026-10/flow_terminal.csv'), 'utf8');
    expect(terminal).toContain(",'-北京协和医院,");
    expect(terminal).toMatch(/,-2(\.0)?,/);
    const [fromParquet] = await query<{ customer: string }>(
      ws,
      `SELECT customer FROM read_parquet('${path.join(ws, 'out/2026-10/unresolved_rows.parquet')}') ORDER BY source_row LIMIT 1`,
    );
    expect(fromParquet?.customer).toBe(hostile);
  });
});
