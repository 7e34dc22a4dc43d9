import { readFileSync, existsSync } from 'node:fs';
import Papa from 'papaparse';
import type { z } from 'zod';
import type { ConfigProblem } from '../errors.js';
import { validate } from './read-yaml.js';

export interface MappingRow<T> {
  /** 1-based line of the row in the file, counting the header as line 1. */
  line: number;
  value: T;
}

/**
 * Read one mapping CSV (UTF-8, BOM allowed), check its header names the schema's required
 * columns, and validate every row. Problems name the file, the row and the column.
 */
export function readMappingCsv<S extends z.ZodObject>(
  absPath: string,
  displayName: string,
  schema: S,
  required: boolean,
  problems: ConfigProblem[],
): MappingRow<z.infer<S>>[] {
  if (!existsSync(absPath)) {
    if (required) problems.push({ file: displayName, path: '', message: 'file not found' });
    return [];
  }
  const text = readFileSync(absPath, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  for (const e of parsed.errors) {
    problems.push({ file: displayName, path: e.row !== undefined ? `row ${e.row + 2}` : '', message: e.message });
  }
  const headers = (parsed.meta.fields ?? []).map((h) => h.trim());
  const missing = Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name)
    .filter((name) => !headers.includes(name));
  if (missing.length > 0) {
    problems.push({ file: displayName, path: 'header', message: `missing column(s): ${missing.join(', ')} (found: ${headers.join(', ')})` });
    return [];
  }
  // Header names with spaces around them are re-keyed; the usual header is taken as parsed, without
  // copying each of a 100,000-customer master's rows once more (a run's config load is paid by every run).
  const keyed = (parsed.meta.fields ?? []).every((h) => h === h.trim())
    ? (raw: Record<string, string>) => raw
    : (raw: Record<string, string>) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.trim(), v]));
  const rows: MappingRow<z.infer<S>>[] = [];
  parsed.data.forEach((raw, i) => {
    const line = i + 2;
    const value = validate(keyed(raw), displayName, schema, problems, `row ${line}`);
    if (value !== undefined) rows.push({ line, value });
  });
  return rows;
}
