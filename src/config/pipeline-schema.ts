import { z } from 'zod';
import { FEED_KINDS, STANDARD_FIELDS } from './fields.js';

const headerList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** pipelines/<feed>.yaml: how to find and read one distributor feed. */
export const pipelineSchema = z
  .object({
    feed: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, dot, dash, underscore')
      .optional(),
    distributor: z.string().min(1).optional(),
    kind: z.enum(FEED_KINDS),
    files: z.string().min(1),
    format: z.enum(['auto', 'csv', 'xlsx', 'xls', 'html']).default('auto'),
    encoding: z.enum(['auto', 'utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be']).default('auto'),
    sheet: z.union([z.string().min(1), z.number().int().min(0)]).optional(),
    header_row: z.union([z.literal('auto'), z.number().int().min(1)]).default('auto'),
    cadence: z.enum(['daily', 'weekly', 'monthly']).default('monthly'),
    // 及时率: days after a cadence unit ends by which its file is due (defaults per cadence in collection)
    due_days: z.number().int().min(0).max(366).optional(),
    columns: z.partialRecord(z.enum(STANDARD_FIELDS), headerList).default({}),
    returns: z
      .object({ doc_type_values: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type PipelineFile = z.infer<typeof pipelineSchema>;
