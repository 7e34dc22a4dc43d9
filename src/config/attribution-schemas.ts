import { z } from 'zod';

/**
 * 客户分管 (assignments), 指标 (quotas), 提成/返利 (commission.yaml) and the allocation rules in
 * drugflow.yaml. All optional: a workspace without them still loads, and every terminal row
 * then falls to the allocation rules (or stays unassigned, never dropped).
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const code = z.string().trim().min(1, 'empty');
const text = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined));
const month = z.string().trim().regex(MONTH, 'must be a month YYYY-MM');
const optionalMonth = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (!s) return undefined;
    if (!MONTH.test(s)) {
      ctx.addIssue({ code: 'custom', message: `"${s}" must be a month YYYY-MM or empty (open)` });
      return z.NEVER;
    }
    return s;
  });
const amount = (what: string, required: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (!s) {
        if (required) ctx.addIssue({ code: 'custom', message: `${what} is required` });
        return required ? z.NEVER : null;
      }
      const n = Number(s.replaceAll(',', ''));
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: `"${s}" is not a number ≥ 0` });
        return z.NEVER;
      }
      return n;
    });

/** mappings/assignments.csv: customer × product group → rep, valid for a range of months. */
export const assignmentRowSchema = z
  .object({
    customer_code: code,
    product_group: z
      .string()
      .trim()
      .optional()
      .transform((s) => (s ? s : '*')),
    rep_code: code,
    rep_name: text,
    territory: text,
    manager: text,
    valid_from: month,
    valid_to: optionalMonth,
  })
  .superRefine((r, ctx) => {
    if (r.valid_to !== undefined && r.valid_to < r.valid_from) {
      ctx.addIssue({ code: 'custom', path: ['valid_to'], message: `${r.valid_to} is before valid_from ${r.valid_from}` });
    }
  });

/** A quota period: a month, a quarter (split into its three months) or a year (twelve). */
export const QUOTA_PERIOD = /^\d{4}(?:-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** mappings/quotas.csv: 指标 per rep × product group, amount-based attainment (qty optional). */
export const quotaRowSchema = z.object({
  period: z.string().trim().regex(QUOTA_PERIOD, 'must be YYYY-MM, YYYY-Qn or YYYY'),
  rep_code: code,
  /** A real product group: attainment is per rep × product group. */
  product_group: code,
  qty: amount('qty', false),
  amount: amount('amount', true),
});

const rate = z.number().min(0).max(1);

/** One attainment band: applies while attainment < below; the last band has no `below`. */
const bandSchema = z.object({ below: z.number().positive().optional(), rate }).strict();

const bandsSchema = z
  .array(bandSchema)
  .min(1)
  .superRefine((bands, ctx) => {
    bands.forEach((b, i) => {
      const last = i === bands.length - 1;
      if (last && b.below !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'below'], message: 'the last band must have no "below" (it takes everything above)' });
      if (!last && b.below === undefined) ctx.addIssue({ code: 'custom', path: [i, 'below'], message: 'required on every band but the last' });
      const prev = bands[i - 1]?.below;
      if (i > 0 && prev !== undefined && b.below !== undefined && b.below <= prev) {
        ctx.addIssue({ code: 'custom', path: [i, 'below'], message: `must be above the previous band's ${prev}` });
      }
    });
  });

const rebateSchema = z
  .object({
    distributor: code,
    product_group: z.string().trim().min(1).default('*'),
    /** Whose sales the rebate is a share of: the distributor's terminal (纯销) or secondary (分销) sales. */
    basis: z.enum(['terminal', 'secondary']),
    rate,
  })
  .strict();

/** mappings/commission.yaml: 提成 bands per product group (`*` = default), a cap, 返利. */
export const commissionSchema = z
  .object({
    bands: z.record(z.string().min(1), bandsSchema).default({}),
    cap_per_rep_month: z.number().positive().optional(),
    rebates: z.array(rebateSchema).default([]),
  })
  .strict();

/** drugflow.yaml allocation: ordered rules for terminals without an assignment; `match: {}` catches all. */
export const allocationRuleSchema = z
  .object({
    match: z
      .object({
        customer_code: z.string().min(1).optional(),
        customer_type: z.enum(['hospital', 'pharmacy', 'clinic']).optional(),
        province: z.string().min(1).optional(),
        city: z.string().min(1).optional(),
        distributor: z.string().min(1).optional(),
        product_group: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    rep_code: z.string().min(1),
    rep_name: z.string().min(1).optional(),
    territory: z.string().min(1).optional(),
    manager: z.string().min(1).optional(),
  })
  .strict();

export type AssignmentRow = z.infer<typeof assignmentRowSchema>;
export type QuotaRow = z.infer<typeof quotaRowSchema>;
export type CommissionConfig = z.infer<typeof commissionSchema>;
export type AllocationRule = z.infer<typeof allocationRuleSchema>;

export interface Attribution {
  assignments: (AssignmentRow & { line: number })[];
  quotas: (QuotaRow & { line: number })[];
  quotaSplit: 'even' | 'by_days';
  allocation: AllocationRule[];
  /** undefined when mappings/commission.yaml is absent: no commission, no rebates. */
  commission: CommissionConfig | undefined;
}

export const ATTRIBUTION_FILES = { assignments: 'assignments.csv', quotas: 'quotas.csv', commission: 'commission.yaml' } as const;
