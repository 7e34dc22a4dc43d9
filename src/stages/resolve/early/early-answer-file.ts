/**
 * The files the early-match worker writes its answers to, one JSON object per line, and how the
 * resolve stage reads them back (DuckDB's read_json with the columns declared). One definition of
 * the columns for both sides (the reading side: early-answers-sql.ts; this module stays free of
 * the database, for the worker). A line holds the question (the fields the engine saw, null where
 * the question had none) and the resolution row the answer becomes (answer-update.ts).
 */
import type { CustomerQuery, ProductQuery } from '../../../match/types.js';
import type { ResolutionUpdate } from '../write-resolutions.js';

export type EarlyKind = 'customer' | 'product';

export const EARLY_FILE_NAME: Record<EarlyKind, string> = { customer: 'early-customer-answers.ndjson', product: 'early-product-answers.ndjson' };

export const QUESTION_COLUMNS: Record<EarlyKind, string[]> = {
  customer: ['name', 'province', 'city', 'ctx_province', 'ctx_city'],
  product: ['name', 'spec', 'unit', 'manufacturer'],
};

export const ANSWER_TYPES: Array<[string, string]> = [
  ['code', 'VARCHAR'],
  ['status', 'VARCHAR'],
  ['method', 'VARCHAR'],
  ['score', 'DOUBLE'],
  ['matched_name', 'VARCHAR'],
  ['runner_up_code', 'VARCHAR'],
  ['runner_up_score', 'DOUBLE'],
  ['reason', 'VARCHAR'],
  ['candidates', 'VARCHAR'],
  ['factor', 'DOUBLE'],
];

/** The answer columns a line carries, in resolution_updates' names. */
export const EARLY_ANSWER_COLUMNS = ANSWER_TYPES.map(([name]) => name);

/** Every column of an answer file, in its order: the question's, then the answer's. */
export const answerFileColumns = (kind: EarlyKind): string[] => [...QUESTION_COLUMNS[kind], ...EARLY_ANSWER_COLUMNS];

/** SQL: rows `a` and `b`, each with an answer file's question columns, ask the same question. */
export const sameQuestion = (kind: EarlyKind, a: string, b: string): string =>
  QUESTION_COLUMNS[kind].map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');

function questionFields(kind: EarlyKind, q: CustomerQuery | ProductQuery): Array<string | null> {
  if (kind === 'customer') {
    const c = q as CustomerQuery;
    return [c.name, c.province ?? null, c.city ?? null, c.contextProvince ?? null, c.contextCity ?? null];
  }
  const p = q as ProductQuery;
  return [p.name, p.spec ?? null, p.unit ?? null, p.manufacturer ?? null];
}

/** One line of an answer file (with its newline). */
export function earlyAnswerLine(kind: EarlyKind, query: CustomerQuery | ProductQuery, u: ResolutionUpdate): string {
  const line: Record<string, unknown> = {};
  const question = questionFields(kind, query);
  QUESTION_COLUMNS[kind].forEach((column, i) => (line[column] = question[i]));
  const answer = [u.code, u.status, u.method, u.score, u.matchedName, u.runnerUpCode, u.runnerUpScore, u.reason, u.candidates, u.factor];
  EARLY_ANSWER_COLUMNS.forEach((column, i) => (line[column] = answer[i] ?? null));
  return `${JSON.stringify(line)}\n`;
}
