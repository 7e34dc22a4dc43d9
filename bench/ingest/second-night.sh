#!/usr/bin/env bash
# The second night of a workspace: how much of a night's work does what the first night left save?
#
#   npm run bench:second-night -- 3000000        # needs bench/data/ws-3000000 (npm run bench:ingest-gen)
#
# Night 1 loads the generated month without every tenth inbox file; night 2 adds those files.
# Night 2 runs twice on copies of the same night-1 workspace: as a nightly run does (taking the
# engine answers remembered from night 1), and with --rematch (matching every alias again, as
# every run did before answers were remembered). Night 3 adds the first tenth of the next month (the
# held files as November's, bench/ingest/next-month-files.ts): once as a nightly run, which leaves
# October's export files as they are, and once with the out folder emptied first, so every export
# file is written (as every run did before the export records). Prints the wall time, peak RSS,
# stage times and the months classify, reconcile, attribute and listings kept of each night. Uses the built CLI (npm run
# build first); copies of the workspace go to $TMPDIR.
set -euo pipefail
ROWS=${1:-3000000}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
SOURCE="$REPO/bench/data/ws-$ROWS"
[ -d "$SOURCE" ] || { echo "no $SOURCE: npm run bench:ingest-gen -- --rows $ROWS" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/drugflow-second-night-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
LOGS="$REPO/bench/data/second-night-$ROWS"
mkdir -p "$LOGS"

cp -r "$SOURCE" "$WORK/night1"
mkdir -p "$WORK/held"
(cd "$WORK/night1/inbox" && find . -type f | sort | awk 'NR % 10 == 0' | while read -r f; do
  mkdir -p "$WORK/held/$(dirname "$f")" && mv "$f" "$WORK/held/$f"
done)

# One night: wall time and peak RSS from time -v, stage times from the run's log.
night() {
  local name=$1 dir=$2
  shift 2
  cat "$dir"/inbox/*/* > /dev/null # every night reads warm files: the page cache is not measured
  (cd "$dir" && /usr/bin/time -v node "$REPO/bin/drugflow" run --json --log-level debug "$@" > "$LOGS/$name.json" 2> "$LOGS/$name.log")
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
    const wall = lines.find((l) => l.includes("Elapsed (wall clock)")).split(": ").pop();
    const rss = Number(lines.find((l) => l.includes("Maximum resident")).split(": ").pop()) / 1048576;
    const logged = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    const stages = logged.filter((l) => l.msg === "stage finished");
    const matched = logged.filter((l) => /aliases matched$/.test(l.msg));
    console.log(`${process.argv[2].padEnd(26)} wall ${wall}  peak RSS ${rss.toFixed(2)} GiB  ` + stages.map((s) => `${s.stage} ${(s.ms / 1000).toFixed(1)}`).join(" · "));
    for (const m of matched) console.log(`${"".padEnd(26)} ${m.msg}: ${m.aliases} aliases, ${m.remembered ?? 0} remembered, ${m.early ?? 0} early`);
    const exports = logged.find((l) => l.msg === "exports written");
    if (exports) console.log(`${"".padEnd(26)} export targets: ${exports.written} written, ${exports.unchanged} unchanged`);
    const summary = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
    const months = (m) => (m ? `${m.kept} kept of ${m.kept + (m.classified ?? m.reconciled ?? m.attributed ?? m.summed)}` : "n/a");
    console.log(`${"".padEnd(26)} months: classify ${months(summary.classified_months)}, reconcile ${months(summary.reconciliation?.months)}, attribute ${months(summary.attribution?.months)}, listings ${months(summary.listings?.months)}`);
  ' "$LOGS/$name.log" "$name" "$LOGS/$name.json"
}

night night1 "$WORK/night1"
cp -r "$WORK/night1" "$WORK/night2-rematch"
cp -r "$WORK/held/." "$WORK/night1/inbox/"
cp -r "$WORK/held/." "$WORK/night2-rematch/inbox/"
night night2 "$WORK/night1"
night night2-rematch "$WORK/night2-rematch" --rematch
rm -rf "$WORK/night2-rematch"

"$REPO/node_modules/.bin/tsx" "$REPO/bench/ingest/next-month-files.ts" "$WORK/held" "$WORK/november" > /dev/null
cp -r "$WORK/november/." "$WORK/night1/inbox/"
cp -r "$WORK/night1" "$WORK/night3-rewrite" # copies have new modification times: rewritten anyway
rm -rf "$WORK/night3-rewrite/out"
night night3 "$WORK/night1"
night night3-rewrite "$WORK/night3-rewrite"
echo "logs: $LOGS"
