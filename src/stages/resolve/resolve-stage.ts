import type { Workspace } from '../../config/workspace.js';
import type { Database } from '../../db/database.js';
import { stagedText } from '../../io/staged-text.js';
import type { Logger } from '../../log.js';
import { customerResolutionSql } from './dictionary-sql.js';
import { matchProductsFuzzy } from './fuzzy-products.js';
import { beginCustomersFuzzy } from './fuzzy-resolve.js';
import { productResolutionSql } from './product-dictionary-sql.js';
import { releaseJsHeap } from '../../match/js-heap.js';
import type { EarlyAnswers } from './early/early-matching.js';
import { customerTiersWithAnswersSql } from './early/early-answers-sql.js';
import { answersToTake, openRememberedAnswers, rememberCustomerAnswers } from './remembered-answers.js';
import { CUSTOMER_RESOLUTIONS_DDL, PRODUCT_RESOLUTIONS_DDL } from './resolution-tables.js';

export interface ResolutionCounts {
  customers: Record<string, number>;
  products: Record<string, number>;
}

/**
 * Resolves the distinct aliases of all loaded rows: dictionary, exact name, then the fuzzy
 * engine on what is left (an alias the early-match worker answered during the load takes that
 * answer, and the worker matches the customer rest while this thread matches products:
 * early/early-matching.ts), and one the engine answered in the last run, unchanged since, takes
 * that answer (remembered-answers.ts). Rebuilt each run from std_rows and the mappings, so a
 * confirmed alias added since the last run re-washes every row that used it.
 */
export async function runResolveStage(db: Database, ws: Workspace, log: Logger, early: EarlyAnswers | null = null): Promise<ResolutionCounts> {
  // The load's garbage goes before the tiers grow DuckDB's buffers: the early-match worker keeps
  // its matchers through this stage, and at the 10M month both heaps uncollected and the tiers
  // came to 1.98 GiB of RSS.
  releaseJsHeap();
  const company = stagedText(ws.company.name);
  const remembered = await openRememberedAnswers(db, ws);
  await db.run('customer resolutions', CUSTOMER_RESOLUTIONS_DDL);
  // The remembered and early answers are written with the tiers' decisions, in one INSERT.
  const customerAnswers = answersToTake('customer', early?.answered.customer ? early.files.customer : null, remembered);
  if (customerAnswers) await db.run('resolve customers: tiers', customerTiersWithAnswersSql(customerAnswers), { company });
  else await db.run('resolve customers: tiers', customerResolutionSql.tiers);
  // A purchase report names us as the supplier: we are not in our own customer master.
  await db.run(
    'resolve customers: our company',
    `UPDATE customer_resolutions SET code = $code, status = 'auto', method = 'exact', score = 1, matched_name = $name,
       reason = 'our own company (drugflow.yaml company)'
     WHERE status = 'unmatched' AND raw_name = $name`,
    { code: ws.company.code, name: company },
  );
  await db.run('product resolutions', PRODUCT_RESOLUTIONS_DDL);
  const { unknownUnit, ...productSteps } = productResolutionSql;
  for (const [step, sql] of Object.entries(productSteps)) await db.run(`resolve products: ${step}`, sql);

  // The early-match worker answers the customer rest while this thread matches the product
  // aliases (the worker joins once done); the customer answers are applied first, as before.
  const customers = await beginCustomersFuzzy(db, ws, log, { early, remembered });
  const products = await matchProductsFuzzy(db, ws, log, { early, remembered });
  await customers.finish();
  await rememberCustomerAnswers(db, remembered);
  await products.finish();
  await db.run('resolve products: unknown unit', unknownUnit);
  releaseJsHeap();

  const count = async (table: string) =>
    Object.fromEntries(
      (await db.all<{ status: string; n: number }>(`count ${table}`, `SELECT status, count(*) AS n FROM ${table} GROUP BY 1 ORDER BY 1`)).map((r) => [
        r.status,
        Number(r.n),
      ]),
    );
  return { customers: await count('customer_resolutions'), products: await count('product_resolutions') };
}
