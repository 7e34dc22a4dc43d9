// profile helper: scale only
process.argv.push('--n','10','--show','0','--scale','30000');
await import('./match-smoke.js');
