import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../errors.js';
import type { TextEncoding } from '../io/types.js';
import type { MatchThresholds } from '../match/types.js';
import { crossCheck, type MappingTables } from './cross-check.js';
import { loadAttribution } from './load-attribution.js';
import { MAPPING_FILES } from './mapping-schemas.js';
import { pipelineSchema } from './pipeline-schema.js';
import { readMappingCsv } from './read-mapping-csv.js';
import { readYamlFile } from './read-yaml.js';
import { workspaceSchema } from './workspace-schema.js';
import { DEFAULT_RETURN_DOC_TYPES } from './fields.js';
import type { Mappings, Pipeline, Workspace } from './workspace.js';

export const WORKSPACE_FILE = 'drugflow.yaml';

/**
 * parse → normalise → cross-check the whole workspace. Throws one ConfigError listing every
 * problem (file and key each) before any data is touched.
 */
export function loadWorkspace(workspaceDir: string): Workspace {
  const root = path.resolve(workspaceDir);
  const problems: ConfigProblem[] = [];
  if (!existsSync(path.join(root, WORKSPACE_FILE))) {
    throw new ConfigError([{ file: WORKSPACE_FILE, path: '', message: `not found in ${root} (is --workspace right?)` }]);
  }
  const config = readYamlFile(path.join(root, WORKSPACE_FILE), WORKSPACE_FILE, workspaceSchema, problems);
  if (!config) throw new ConfigError(problems);

  const inboxDir = path.resolve(root, config.inbox);
  if (!existsSync(inboxDir)) problems.push({ file: WORKSPACE_FILE, path: 'inbox', message: `directory ${config.inbox} does not exist` });
  const mappingsDir = path.resolve(root, config.mappings);
  const pipelines = loadPipelines(root, config.pipelines, config.company.code, problems);
  const tables = loadMappings(mappingsDir, config.mappings, problems);
  for (const kind of ['customers', 'products'] as const) {
    const t = config.matching[kind];
    if (t?.review_threshold !== undefined && t.auto_threshold !== undefined && t.review_threshold > t.auto_threshold) {
      problems.push({ file: WORKSPACE_FILE, path: `matching.${kind}.review_threshold`, message: `must not exceed matching.${kind}.auto_threshold` });
    }
  }
  crossCheck({ pipelines, tables, mappingsDir: config.mappings, company: config.company }, problems);
  const attribution = loadAttribution(
    { mappingsAbs: mappingsDir, mappingsDir: config.mappings, allocation: config.allocation, quotaSplit: config.quota_split, customers: tables.customers, products: tables.products },
    problems,
  );
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    root,
    databasePath: path.resolve(root, config.database),
    inboxDir,
    outDir: path.resolve(root, config.out),
    mappingsDir,
    company: config.company,
    limits: {
      maxFileBytes: Math.round(config.limits.max_file_mb * 1024 * 1024),
      maxRows: config.limits.max_rows,
      maxColumns: config.limits.max_columns,
      maxCellChars: config.limits.max_cell_chars,
    },
    database: { memoryMb: config.limits.memory_mb, threads: config.limits.threads },
    matching: { customers: thresholds(config.matching.customers), products: thresholds(config.matching.products) },
    gates: { maxRejectShare: config.gates.max_reject_share, maxUnreadableFiles: config.gates.max_unreadable_files },
    reconcile: {
      gapToleranceBoxes: config.reconcile.gap_tolerance_boxes,
      gapToleranceShare: config.reconcile.gap_tolerance_share,
      overstockDays: config.reconcile.overstock_days,
      crossTierToleranceBoxes: config.reconcile.cross_tier_tolerance_boxes,
    },
    export: { csvMaxRows: config.export.csv_max_rows === 'none' ? null : config.export.csv_max_rows },
    pipelines,
    mappings: withoutLines(tables),
    attribution,
  };
}

function thresholds(t: { auto_threshold?: number; review_threshold?: number; min_margin?: number } | undefined): Partial<MatchThresholds> {
  const out: Partial<MatchThresholds> = {};
  if (t?.auto_threshold !== undefined) out.auto = t.auto_threshold;
  if (t?.review_threshold !== undefined) out.review = t.review_threshold;
  if (t?.min_margin !== undefined) out.minMargin = t.min_margin;
  return out;
}

function loadPipelines(root: string, dir: string, companyCode: string, problems: ConfigProblem[]): Pipeline[] {
  const absDir = path.resolve(root, dir);
  if (!existsSync(absDir)) {
    problems.push({ file: dir, path: '', message: 'pipelines directory not found' });
    return [];
  }
  const names = readdirSync(absDir).filter((n) => /\.ya?ml$/i.test(n)).sort();
  if (names.length === 0) problems.push({ file: dir, path: '', message: 'no pipeline files (*.yaml)' });
  const pipelines: Pipeline[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const display = `${dir}/${name}`;
    const p = readYamlFile(path.join(absDir, name), display, pipelineSchema, problems);
    if (!p) continue;
    const feed = p.feed ?? name.replace(/\.ya?ml$/i, '');
    const other = seen.get(feed);
    if (other) problems.push({ file: display, path: 'feed', message: `"${feed}" is also the feed of ${other}` });
    seen.set(feed, display);
    if (p.kind !== 'shipments' && !p.distributor) {
      problems.push({ file: display, path: 'distributor', message: `required for kind ${p.kind}` });
    }
    if (!isSafeGlob(p.files)) {
      problems.push({ file: display, path: 'files', message: `"${p.files}" must be a relative pattern inside the inbox (no "..", no absolute path)` });
    }
    pipelines.push({
      feed,
      configFile: display,
      distributor: p.kind === 'shipments' ? (p.distributor ?? companyCode) : (p.distributor ?? ''),
      kind: p.kind,
      files: p.files,
      format: p.format,
      encoding: (p.encoding === 'gbk' ? 'gb18030' : p.encoding) as TextEncoding | 'auto',
      sheet: p.sheet,
      headerRow: p.header_row,
      cadence: p.cadence,
      dueDays: p.due_days,
      columns: p.columns,
      returnDocTypes: p.returns?.doc_type_values ?? DEFAULT_RETURN_DOC_TYPES,
    });
  }
  return pipelines;
}

function isSafeGlob(pattern: string): boolean {
  if (path.isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern) || pattern.startsWith('~')) return false;
  return !pattern.split(/[\\/]+/).some((segment) => segment === '..');
}

function loadMappings(absDir: string, dir: string, problems: ConfigProblem[]): MappingTables {
  const read = <K extends keyof typeof MAPPING_FILES>(key: K) => {
    const spec = MAPPING_FILES[key];
    return readMappingCsv(path.join(absDir, spec.file), `${dir}/${spec.file}`, spec.schema, spec.required, problems);
  };
  return {
    customers: read('customers'),
    products: read('products'),
    customerAliases: read('customerAliases'),
    productAliases: read('productAliases'),
    notOurs: read('notOurs'),
  } as MappingTables;
}

function withoutLines(tables: MappingTables): Mappings {
  return {
    customers: tables.customers.map((r) => r.value),
    products: tables.products.map((r) => r.value),
    customerAliases: tables.customerAliases.map((r) => r.value),
    productAliases: tables.productAliases.map((r) => r.value),
    notOurs: tables.notOurs.map((r) => r.value),
  };
}
