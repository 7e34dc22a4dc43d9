import { loadWorkspace } from '../../config/load-workspace.js';
import { createContext } from '../context.js';
export function registerValidate(program) {
    program
        .command('validate')
        .description('check drugflow.yaml, pipelines/*.yaml and mappings/*.csv without loading data')
        .action((_options, command) => {
        const globals = command.optsWithGlobals();
        const ctx = createContext(globals);
        const ws = loadWorkspace(globals.workspace);
        const result = {
            ok: true,
            workspace: ws.root,
            feeds: ws.pipelines.map((p) => ({ feed: p.feed, kind: p.kind, distributor: p.distributor, files: p.files })),
            mappings: {
                customers: ws.mappings.customers.length,
                products: ws.mappings.products.length,
                customer_aliases: ws.mappings.customerAliases.length,
                product_aliases: ws.mappings.productAliases.length,
            },
        };
        ctx.print(globals.json
            ? JSON.stringify(result, null, 2)
            : `workspace ${ws.root} is valid: ${result.feeds.length} feeds, ${result.mappings.customers} customers, ${result.mappings.products} products`);
    });
}
//# sourceMappingURL=validate.js.map