export { STANDARDISE_MACROS, MISSING_TOKENS, installStandardiseMacros } from './macros.js';
export { buildStandardiseSql, DEFAULT_RETURN_DOC_TYPES } from './standardise-sql.js';
export { buildStandardiseTablesSql, buildStagingTableSql, STD_ROWS_COLUMNS, REJECTS_COLUMNS } from './tables.js';
export { classifySkip, isTotalMarker, TOTAL_MARKER_PATTERN } from './skip-rows.js';
//# sourceMappingURL=index.js.map