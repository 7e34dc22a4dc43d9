import { z } from 'zod';
import { stagedText } from '../io/staged-text.js';
import { CUSTOMER_TYPES } from './fields.js';

const code = z.string().trim().min(1, 'empty');
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined));

/**
 * An alias's raw text is a key that must equal loaded text, so it is cleaned as the readers clean
 * every cell (stagedText: NFKC, trimmed, tabs and runs of spaces folded). An alias copied with a
 * double space out of a distributor's export would otherwise never meet the rows it names, and two
 * aliases that load as one text would pass the duplicate check and then share one key.
 */
const aliasText = z.string().transform(stagedText).pipe(z.string().min(1, 'empty'));
const optionalAliasText = z
  .string()
  .optional()
  .transform((s) => (s ? stagedText(s) || undefined : undefined));

/** `1`, `200`, `0.5`, `1/15`: standard units per raw unit. */
export const factorSchema = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx) => {
    if (!s) return 1;
    const m = /^(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/.exec(s);
    const value = m ? Number(m[1]) / (m[2] ? Number(m[2]) : 1) : NaN;
    if (!Number.isFinite(value) || value <= 0) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a positive number or fraction like 1/15` });
      return z.NEVER;
    }
    return value;
  });

export const customerRowSchema = z.object({
  code,
  name: z.string().trim().min(1, 'empty'),
  type: z.enum(CUSTOMER_TYPES, { message: `must be one of ${CUSTOMER_TYPES.join(', ')}` }),
  tier: z
    .string()
    .trim()
    .optional()
    .transform((s, ctx) => {
      if (!s) return null;
      if (s !== '1' && s !== '2') {
        ctx.addIssue({ code: 'custom', message: `"${s}" must be 1, 2 or empty` });
        return z.NEVER;
      }
      return Number(s);
    }),
  province: optionalText,
  city: optionalText,
});

export const productRowSchema = z.object({
  sku: code,
  name: z.string().trim().min(1, 'empty'),
  brand: optionalText,
  spec: optionalText,
  unit: optionalText,
  manufacturer: optionalText,
  product_group: optionalText,
});

export const customerAliasRowSchema = z.object({
  distributor: code,
  raw_name: aliasText,
  code,
});

export const productAliasRowSchema = z.object({
  distributor: code,
  raw_name: aliasText,
  raw_spec: optionalAliasText,
  raw_unit: optionalAliasText,
  sku: code,
  factor: factorSchema,
});

/** Aliases a reviewer marked "not ours" (a competitor's product, a buyer we do not serve). */
export const notOursRowSchema = z.object({
  kind: z.enum(['customers', 'products']),
  distributor: code,
  raw_name: aliasText,
  raw_spec: optionalAliasText,
  raw_unit: optionalAliasText,
  raw_manufacturer: optionalAliasText,
});

export type NotOursRow = z.infer<typeof notOursRowSchema>;
export type CustomerRow = z.infer<typeof customerRowSchema>;
export type ProductRow = z.infer<typeof productRowSchema>;
export type CustomerAliasRow = z.infer<typeof customerAliasRowSchema>;
export type ProductAliasRow = z.infer<typeof productAliasRowSchema>;

/** The mapping files, their schemas and whether a workspace must have them. */
export const MAPPING_FILES = {
  customers: { file: 'customers.csv', schema: customerRowSchema, required: true },
  products: { file: 'products.csv', schema: productRowSchema, required: true },
  customerAliases: { file: 'customer_aliases.csv', schema: customerAliasRowSchema, required: false },
  productAliases: { file: 'product_aliases.csv', schema: productAliasRowSchema, required: false },
  notOurs: { file: 'not_ours.csv', schema: notOursRowSchema, required: false },
} as const;
