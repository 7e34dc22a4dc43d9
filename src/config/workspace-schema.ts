import { z } from 'zod';
import { allocationRuleSchema } from './attribution-schemas.js';
import { EXCEL_MAX_DATA_ROWS } from '../stages/export/excel-row-limit.js';

const thresholdsSchema = z
  .object({
    auto_threshold: z.number().min(0).max(1).optional(),
    review_threshold: z.number().min(0).max(1).optional(),
    min_margin: z.number().min(0).max(1).optional(),
  })
  .strict();

/** drugflow.yaml: every key optional, with defaults a demo or a fresh workspace can live with. */
export const workspaceSchema = z
  .object({
    database: z.string().min(1).default('drugflow.duckdb'),
    inbox: z.string().min(1).default('inbox'),
    out: z.string().min(1).default('out'),
    mappings: z.string().min(1).default('mappings'),
    pipelines: z.string().min(1).default('pipelines'),
    company: z
      .object({ code: z.string().min(1), name: z.string().min(1) })
      .strict()
      .default({ code: 'SELF', name: 'Our company' }),
    limits: z
      .object({
        max_file_mb: z.number().positive().default(512),
        max_rows: z.number().int().positive().default(5_000_000),
        max_columns: z.number().int().positive().default(512),
        max_cell_chars: z.number().int().positive().default(32_767),
        /** DuckDB's memory limit in MiB (it spills to `<database>.tmp` beyond it); default 1024. */
        memory_mb: z.number().int().min(64).optional(),
        /** DuckDB's worker threads; default one per core. */
        threads: z.number().int().positive().optional(),
      })
      .strict()
      .default({ max_file_mb: 512, max_rows: 5_000_000, max_columns: 512, max_cell_chars: 32_767 }),
    /** Per kind; any key left out takes the engine's measured default (see BENCHMARKS.md). */
    matching: z
      .object({ customers: thresholdsSchema.optional(), products: thresholdsSchema.optional() })
      .strict()
      .default({}),
    /** 进销存 reconciliation tolerances. */
    reconcile: z
      .object({
        gap_tolerance_boxes: z.number().min(0).optional(),
        gap_tolerance_share: z.number().min(0).max(1).optional(),
        overstock_days: z.number().positive().optional(),
        cross_tier_tolerance_boxes: z.number().min(0).optional(),
      })
      .strict()
      .default({}),
    gates: z
      .object({
        /** Share of data rows rejected, over all files of the run, above which the run exits 3. */
        max_reject_share: z.number().min(0).max(1).default(0.05),
        /** Number of unreadable files above which the run exits 3. */
        max_unreadable_files: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ max_reject_share: 0.05, max_unreadable_files: 0 }),
    export: z
      .object({
        /**
         * A table with more rows than this in a period is exported as Parquet only: CSV is for
         * Excel, which opens at most 1,048,576 rows (the header among them). `none`: no limit.
         */
        csv_max_rows: z.union([z.number().int().min(0), z.literal('none')]).default(EXCEL_MAX_DATA_ROWS),
      })
      .strict()
      .default({ csv_max_rows: EXCEL_MAX_DATA_ROWS }),
    /** Ordered rules for terminals without an assignment in mappings/assignments.csv (first match wins). */
    allocation: z.array(allocationRuleSchema).default([]),
    /** How a quarterly or yearly quota in mappings/quotas.csv is split into months. */
    quota_split: z.enum(['even', 'by_days']).default('even'),
  })
  .strict();

export type WorkspaceConfigFile = z.infer<typeof workspaceSchema>;
