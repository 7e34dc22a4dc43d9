/**
 * Excel opens at most 1,048,576 rows, the header among them, and silently leaves out the rest: the
 * most data rows a CSV meant for people should hold (drugflow.yaml `export.csv_max_rows`).
 */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
