/**
 * The typed columns standardise gives every staged row (the standard fields' part of `std_rows`
 * in src/db/schema.ts; the loader adds feed, kind, seller and period when it commits). qty and
 * amount are signed: returns are negative.
 */
export const STD_ROWS_COLUMNS: readonly (readonly [string, string])[] = [
  ['file_id', 'INTEGER'],
  ['sheet', 'VARCHAR'],
  ['source_row', 'INTEGER'],
  ['txn_date', 'DATE'],
  ['customer', 'VARCHAR'],
  ['customer_province', 'VARCHAR'],
  ['customer_city', 'VARCHAR'],
  ['customer_county', 'VARCHAR'],
  ['customer_address', 'VARCHAR'],
  ['product', 'VARCHAR'],
  ['spec', 'VARCHAR'],
  ['manufacturer', 'VARCHAR'],
  ['lot', 'VARCHAR'],
  ['expiry', 'DATE'],
  ['production_date', 'DATE'],
  ['qty', 'DOUBLE'],
  ['in_transit', 'DOUBLE'],
  ['unit', 'VARCHAR'],
  ['price', 'DOUBLE'],
  ['amount', 'DOUBLE'],
  ['doc_no', 'VARCHAR'],
  ['doc_type', 'VARCHAR'],
  ['store', 'VARCHAR'],
  ['rep_name', 'VARCHAR'],
  ['remark', 'VARCHAR'],
  ['is_return', 'BOOLEAN'],
];
