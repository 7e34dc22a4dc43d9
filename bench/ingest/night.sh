# Nights of a workspace, for second-night.sh and year-night.sh (sourced, after setting REPO and ROWS).

# The generated workspace of ROWS rows ($SOURCE), a work folder removed on exit ($WORK) and the
# logs' folder bench/data/NAME-ROWS ($LOGS).
nights_workspace() {
  local name=$1
  SOURCE="$REPO/bench/data/ws-$ROWS"
  [ -d "$SOURCE" ] || { echo "no $SOURCE: npm run bench:ingest-gen -- --rows $ROWS" >&2; exit 1; }
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/drugflow-$name-XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  LOGS="$REPO/bench/data/$name-$ROWS"
  mkdir -p "$LOGS"
}

# One night: night NAME DIR [run options]
# runs the built CLI in DIR, its summary to $LOGS/NAME.json and log to $LOGS/NAME.log, and prints
# the wall time and peak RSS (time -v), the stage times (the log), the aliases matched and
# remembered, the export targets written, and the months each stage built or kept (the summary).
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

# Moves every tenth file of the inbox INBOX (in path order) to HELD, keeping their folders: the
# files that arrive a night later.
hold_tenth() {
  local inbox=$1 held=$2
  mkdir -p "$held"
  (cd "$inbox" && find . -type f | sort | awk 'NR % 10 == 0' | while read -r f; do
    mkdir -p "$held/$(dirname "$f")" && mv "$f" "$held/$f"
  done)
}
