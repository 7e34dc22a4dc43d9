/**
 * A workspace holding only some feeds of a generated one (the CSV feeds, or the .xlsx feeds): its
 * own pipelines/ and mappings/, the same inbox by absolute path — nothing copied but small text.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { INBOX, writeWorkspaceYaml } from './workspace.js';

export function splitWorkspace(ws: string, dest: string, feedIds: Set<string>): string {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(join(dest, 'pipelines'), { recursive: true });
  cpSync(join(ws, 'mappings'), join(dest, 'mappings'), { recursive: true });
  for (const id of feedIds) writeFileSync(join(dest, 'pipelines', `${id}.yaml`), readFileSync(join(ws, 'pipelines', `${id}.yaml`)));
  // the same sales force: its allocation rules live in drugflow.yaml, the rest in mappings/
  const { allocation } = YAML.parse(readFileSync(join(ws, 'drugflow.yaml'), 'utf8')) as { allocation?: [] };
  writeWorkspaceYaml(dest, allocation ?? [], resolve(ws, INBOX));
  return dest;
}
