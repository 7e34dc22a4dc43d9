import os from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { createContext, type GlobalOptions } from '../context.js';
import { withWorkspaceDatabase } from '../workspace-database.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `drugflow confirm` and `drugflow reopen`: 销量确认, and its audited undo. */
export function registerConfirm(program: Command): void {
  program
    .command('confirm')
    .description('lock a month (销量确认): later data for it becomes dated adjustments, never a silent change')
    .requiredOption('--period <YYYY-MM>', 'the month to confirm')
    .option('--by <name>', 'who confirms (default: the login name)')
    .action(async (options: { period: string; by?: string }, command: Command) => {
      await withLockedDatabase(command, options.period, async (db, ctx, json) => {
        const { confirmPeriod } = await import('../../stages/confirm/period-locks.js');
        const result = await confirmPeriod(db, options.period, options.by ?? os.userInfo().username, new Date());
        ctx.print(json ? JSON.stringify({ period: options.period, confirmed: result.rows }) : `${options.period} confirmed: ${JSON.stringify(result.rows)} flow rows frozen`);
      });
    });

  program
    .command('reopen')
    .description('unlock a confirmed month; who, when and why are kept in period_lock_log')
    .requiredOption('--period <YYYY-MM>', 'the month to reopen')
    .requiredOption('--reason <text>', 'why it is reopened (kept in the audit log)')
    .option('--by <name>', 'who reopens (default: the login name)')
    .action(async (options: { period: string; reason: string; by?: string }, command: Command) => {
      await withLockedDatabase(command, options.period, async (db, ctx, json) => {
        const { reopenPeriod } = await import('../../stages/confirm/period-locks.js');
        await reopenPeriod(db, options.period, options.by ?? os.userInfo().username, options.reason, new Date());
        ctx.print(json ? JSON.stringify({ period: options.period, reopened: true }) : `${options.period} reopened; the next run recomputes it from the data`);
      });
    });
}

type Ctx = ReturnType<typeof createContext>;

async function withLockedDatabase(
  command: Command,
  period: string,
  work: (db: import('../../db/database.js').Database, ctx: Ctx, json: boolean) => Promise<void>,
): Promise<void> {
  const globals = command.optsWithGlobals<GlobalOptions>();
  if (!PERIOD.test(period)) throw new UsageError(`--period must look like 2026-10, got "${period}"`);
  const ctx = createContext(globals);
  await withWorkspaceDatabase(globals.workspace, ctx.log, { lock: true }, (db) => work(db, ctx, Boolean(globals.json)));
}
