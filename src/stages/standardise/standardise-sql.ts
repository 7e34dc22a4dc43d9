import { DEFAULT_RETURN_DOC_TYPES, STANDARD_FIELDS, type StandardField } from '../../config/fields.js';
import { quoteIdent, quoteLiteral } from '../../db/database.js';
import { InternalError } from '../../errors.js';
import { STD_ROWS_COLUMNS } from './tables.js';

/** The staged files one SELECT types and judges: they share fields, kind, doc types and unit. */
export interface DecidedRowsInput {
  stagingTable: string;
  /**
   * A SELECT to read instead of the staging table, with the staging table's columns (file_id,
   * sheet, source_row and the present fields as text): a big CSV file is typed straight from
   * read_csv rather than written to the staging table and read back.
   */
  sourceSql?: string;
  fileIds: readonly number[];
  /** Fields with a column in the staging table (named as the field). */
  presentFields: readonly StandardField[];
  /** The feed kind's required fields (REQUIRED_FIELDS[kind]): empty or invalid → reject. */
  requiredFields: readonly StandardField[];
  returnsDocTypes?: readonly string[];
  /** The unit the quantity header names (`数量（盒）`), used where the row has no unit. */
  defaultUnit?: string;
}

const NUMERIC: ReadonlySet<StandardField> = new Set(['qty', 'return_qty', 'in_transit', 'price', 'amount']);
/**
 * Typed fields whose unreadable values become NULL instead of rejecting the row: expiry and
 * production date are information only and come as `长期`, `2028-06`, `见包装`; losing a sale
 * over them would cost more than the missing date.
 */
const LENIENT: ReadonlySet<StandardField> = new Set(['expiry', 'production_date']);
const TYPED: Partial<Record<StandardField, string>> = {
  date: 'df_date',
  expiry: 'df_expiry',
  production_date: 'df_date',
  qty: 'df_num',
  return_qty: 'df_num',
  in_transit: 'df_num',
  price: 'df_num',
  amount: 'df_num',
};
/** Longest raw value quoted in a reject reason. */
const REASON_SNIPPET = 60;

interface Check {
  field: StandardField;
  condition: string;
  reason: string; // a SQL expression
}

/**
 * The columns of a decided row: std_rows' columns plus the first problem found (reject_reason
 * NULL: a good row) and, for a rejected row, `raw`: a JSON object of its staged text by field
 * name, e.g. {"date":"2026-13-45","customer":"协和医院","qty":"10"}.
 */
export const DECIDED_ROWS_COLUMNS: readonly (readonly [string, string])[] = [
  ...STD_ROWS_COLUMNS,
  ['reject_column', 'VARCHAR'],
  ['reject_reason', 'VARCHAR'],
  ['raw', 'VARCHAR'],
];

/**
 * One SELECT that types and judges the staged rows of several files at once (columns:
 * DECIDED_ROWS_COLUMNS). The loader runs it once per batch of files with the same layout: the
 * statement's planning, not its rows, was most of a small file's load time. Pure: only
 * identifiers, the file ids (integers) and the configured doc types / unit (as literals) enter
 * the SQL; run it after installStandardiseMacros.
 */
export function buildDecidedRowsSelect(input: DecidedRowsInput): string {
  for (const id of input.fileIds) if (!Number.isSafeInteger(id)) throw new InternalError(`file id ${id} is not an integer`);
  if (input.fileIds.length === 0) throw new InternalError('no files to standardise');
  const present = new Set(input.presentFields);
  for (const field of present) {
    if (!STANDARD_FIELDS.includes(field)) throw new InternalError(`unknown standard field ${field}`);
  }
  for (const field of input.requiredFields) {
    const foldable = field === 'qty' && present.has('return_qty');
    if (!present.has(field) && !foldable) throw new InternalError(`required field ${field} is not staged`);
  }

  const col = (f: StandardField): string => quoteIdent(f);
  const clean = (f: StandardField): string => quoteIdent(`t_${f}`);
  const missing = (f: StandardField): string => quoteIdent(`m_${f}`);
  const typedName = (f: StandardField): string => quoteIdent(`v_${f}`);
  const typed = (f: StandardField): string =>
    present.has(f) && TYPED[f] ? typedName(f) : NUMERIC.has(f) ? 'CAST(NULL AS DOUBLE)' : 'CAST(NULL AS DATE)';
  const fields = STANDARD_FIELDS.filter((f) => present.has(f));
  const names: Names = { clean, missing, typedName };

  const checks = buildChecks(input, present, names);
  const caseOf = (pick: (c: Check) => string): string =>
    checks.length === 0 ? 'NULL' : `CASE ${checks.map((c) => `WHEN ${c.condition} THEN ${pick(c)}`).join(' ')} END`;

  const returns = input.returnsDocTypes ?? DEFAULT_RETURN_DOC_TYPES;
  const docReturn =
    present.has('doc_type') && returns.length > 0
      ? `coalesce(list_contains([${returns.map(quoteLiteral).join(', ')}], ${clean('doc_type')}), false)`
      : 'false';
  // A separate return column nets against the row: 10 sold and 3 returned is 7; 0 and 3 is −3.
  const baseQty = present.has('return_qty')
    ? `coalesce(${typed('qty')}, 0) - coalesce(abs(${typed('return_qty')}), 0)`
    : typed('qty');
  const returnColumn = present.has('return_qty') ? `coalesce(abs(${typed('return_qty')}), 0) > 0` : 'false';

  const text = (f: StandardField): string =>
    present.has(f) ? `CASE WHEN ${missing(f)} THEN NULL ELSE ${clean(f)} END` : 'CAST(NULL AS VARCHAR)';
  const unit =
    input.defaultUnit !== undefined && input.defaultUnit.trim() !== ''
      ? `coalesce(${text('unit')}, ${quoteLiteral(input.defaultUnit.trim())})`
      : text('unit');
  const signed = 'doc_return OR base_qty < 0';
  const outputs: Record<string, string> = {
    txn_date: typed('date'),
    expiry: typed('expiry'),
    production_date: typed('production_date'),
    qty: 'CASE WHEN doc_return THEN -abs(base_qty) ELSE base_qty END',
    in_transit: typed('in_transit'),
    price: typed('price'),
    amount: `CASE WHEN ${signed} THEN -abs(${typed('amount')}) ELSE ${typed('amount')} END`,
    unit,
    is_return: `coalesce(doc_return OR base_qty < 0 OR ${returnColumn}, false)`,
  };
  const outputNames = STD_ROWS_COLUMNS.map(([name]) => name).filter((n) => !['file_id', 'sheet', 'source_row'].includes(n));
  const outputExprs = outputNames.map((name) => {
    const expr = outputs[name] ?? text(name as StandardField);
    return `${expr} AS ${quoteIdent(name)}`;
  });
  const rawJson =
    fields.length === 0 ? `'{}'` : `to_json(struct_pack(${fields.map((f) => `${col(f)} := ${col(f)}`).join(', ')}))`;
  const list = (items: string[]): string => items.map((i) => `,\n    ${i}`).join('');

  // Text fields come staged clean (io/staged-text.ts: the loader's readers fold whitespace as
  // df_text would, once per cell in JavaScript); blank text is NULL (t_) and judged empty from
  // it (m_). Typed fields are judged empty only when they fail to parse: typing most values
  // costs less than judging them.
  const cleaned = fields.map((f) => (TYPED[f] ? `${col(f)} AS ${clean(f)}` : `nullif(${col(f)}, '') AS ${clean(f)}`));
  const judgedEmpty = fields.map((f) =>
    TYPED[f]
      ? `CASE WHEN ${typedName(f)} IS NOT NULL THEN false ELSE df_missing(${clean(f)}) END AS ${missing(f)}`
      : `df_missing_text(${clean(f)}) AS ${missing(f)}`,
  );
  const fileFilter = input.fileIds.length === 1 ? `= ${input.fileIds[0]}` : `IN (${input.fileIds.join(', ')})`;
  return `WITH cleaned AS (
  SELECT file_id, sheet, source_row${list(fields.map(col))}${list(cleaned)}
  FROM ${input.sourceSql === undefined ? quoteIdent(input.stagingTable) : `(${input.sourceSql}) AS staged`}
  WHERE file_id ${fileFilter}
), typed AS (
  SELECT *${list(fields.filter((f) => TYPED[f]).map((f) => `${TYPED[f]}(${clean(f)}) AS ${typedName(f)}`))}
  FROM cleaned
), judged AS (
  SELECT *${list(judgedEmpty)}
  FROM typed
), decided AS (
  SELECT *,
    ${caseOf((c) => quoteLiteral(c.field))} AS reject_column,
    ${caseOf((c) => c.reason)} AS reject_reason,
    CAST(${baseQty} AS DOUBLE) AS base_qty,
    ${docReturn} AS doc_return
  FROM judged
)
SELECT file_id, sheet, source_row, reject_column, reject_reason,
  CASE WHEN reject_reason IS NOT NULL THEN CAST(${rawJson} AS VARCHAR) END AS raw,
  ${outputExprs.join(',\n  ')}
FROM decided`;
}

interface Names {
  clean: (f: StandardField) => string;
  missing: (f: StandardField) => string;
  typedName: (f: StandardField) => string;
}

/** Reject conditions in priority order: required fields first, then other strictly typed ones. */
function buildChecks(input: DecidedRowsInput, present: ReadonlySet<StandardField>, names: Names): Check[] {
  const { clean, missing, typedName } = names;
  const checks: Check[] = [];
  const shown = (f: StandardField): string =>
    TYPED[f] ? `left(df_text(${clean(f)}), ${REASON_SNIPPET})` : `left(${clean(f)}, ${REASON_SNIPPET})`;
  const invalid = (f: StandardField): Check => ({
    field: f,
    condition: `NOT ${missing(f)} AND ${typedName(f)} IS NULL`,
    reason: `${quoteLiteral(`${f}: "`)} || ${shown(f)} || ${quoteLiteral(NUMERIC.has(f) ? '" is not a number' : '" is not a date')}`,
  });
  const empty = (f: StandardField, condition: string): Check => ({ field: f, condition, reason: quoteLiteral(`${f}: empty`) });

  for (const f of input.requiredFields) {
    if (f === 'qty' && present.has('return_qty')) {
      const qtyMissing = present.has('qty') ? missing('qty') : 'true';
      checks.push(empty('qty', `${qtyMissing} AND ${missing('return_qty')}`));
      if (present.has('qty')) checks.push(invalid('qty'));
      continue;
    }
    checks.push(empty(f, missing(f)));
    if (TYPED[f]) checks.push(invalid(f));
  }
  for (const f of STANDARD_FIELDS) {
    if (!present.has(f) || !TYPED[f] || LENIENT.has(f) || input.requiredFields.includes(f)) continue;
    checks.push(invalid(f));
  }
  return checks;
}
