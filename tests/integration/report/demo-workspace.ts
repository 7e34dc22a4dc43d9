import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

export const HOSTILE_CUSTOMER = '<script>alert(1)</script>医院';

/**
 * A copy of the demo workspace (the repo root) whose 本草堂 September sales file carries one
 * extra row sold to a customer named like an injection attempt.
 */
export function hostileDemoCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drugflow-report-'));
  for (const item of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, item), path.join(dir, item), { recursive: true });
  appendFileSync(
    path.join(dir, 'fixtures/本草堂药业/SM_D0006_四川本草堂药业有限公司_20260930.csv'),
    `2026/9/30,BCT260900056,${HOSTILE_CUSTOMER},拜唐苹 阿卡波糖片 50mg*30片,,BJ2504011,拜耳医药保健有限公司,62.32,100,,6232.00\r\n`,
  );
  return dir;
}

