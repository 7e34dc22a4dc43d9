import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Database } from '../../src/db/database.js';
import { silentLogger } from '../../src/log.js';
import { silentProgress } from '../../src/progress.js';
import { runJob } from '../../src/run/run-job.js';

/** Real names from ../shared/data/reference (distributors_ypzdw…, hospitals_…, pharmacies_…, drugs_originator…). */
export const CUSTOMERS_CSV = `code,name,type,tier,province,city
D0001,四川贝尔康医药有限公司,distributor,1,四川省,成都市
D0002,广州市振康医药有限公司,distributor,2,广东省,广州市
H00001,北京协和医院,hospital,,北京市,北京市
H00002,北京市和平里医院,hospital,,北京市,北京市
P00001,广州医药大药房有限公司南沙中心店,pharmacy,,广东省,广州市
`;

export const PRODUCTS_CSV = `sku,name,brand,spec,unit,manufacturer,product_group
SKU001,阿卡波糖片,拜唐苹,50mg*30片,盒,拜耳医药保健有限公司,内分泌
SKU002,阿奇霉素干混悬剂,希舒美,0.1g*6袋,盒,辉瑞制药科技有限公司,抗感染
`;

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh copy of the demo workspace (the repo root: its config, mappings and fixtures inbox), under a temp folder named `prefix…`. */
export function copyDemoWorkspace(prefix: string): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const entry of ['drugflow.yaml', 'pipelines', 'mappings', 'fixtures']) cpSync(path.join(repo, entry), path.join(ws, entry), { recursive: true });
  return ws;
}

export interface WorkspaceFiles {
  [relPath: string]: string | Buffer;
}

export function makeWorkspace(files: WorkspaceFiles, options: { yaml?: string } = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'drugflow-ws-'));
  const defaults: WorkspaceFiles = {
    'drugflow.yaml': options.yaml ?? 'inbox: inbox\ncompany: { code: MFR001, name: 拜耳医药保健有限公司 }\n',
    'mappings/customers.csv': CUSTOMERS_CSV,
    'mappings/products.csv': PRODUCTS_CSV,
  };
  mkdirSync(path.join(root, 'inbox'), { recursive: true });
  for (const [rel, content] of Object.entries({ ...defaults, ...files })) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

export function addFile(root: string, rel: string, content: string | Buffer): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

export function runQuietly(workspaceDir: string) {
  return runJob({ workspaceDir, log: silentLogger(), progress: silentProgress });
}

/** Opens the workspace's database for `work` and always closes it. */
export async function withWorkspaceDb<T>(workspaceDir: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await Database.open(path.join(workspaceDir, 'drugflow.duckdb'));
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

export function query<T extends Record<string, unknown>>(workspaceDir: string, sql: string): Promise<T[]> {
  return withWorkspaceDb(workspaceDir, (db) => db.all<T>('test query', sql));
}
