#!/usr/bin/env bash
# A night on a workspace with a year of history: does a night's cost follow what is new, or the
# months the workspace holds?
#
#   npm run bench:year-night -- 1000000        # needs bench/data/ws-1000000 (npm run bench:ingest-gen)
#
# The generated month (2026-10) is copied as each of the eleven months before it
# (next-month-files.ts: CSV files only, so those months have no .xlsx share; a day a month does
# not have is rejected as a bad date). Night 1 loads the eleven months and October without every
# tenth file; night 2 adds those files; night 3 adds the first tenth of November (the held files
# as November's). Prints what second-night.sh prints for each night. Uses the built CLI (npm run
# build first); the workspace goes to $TMPDIR. With YEAR_NIGHT_KEEP=DIR, the workspace as it stands
# before night 3 is copied to DIR (to run night 3 again, e.g. with another build).
set -euo pipefail
ROWS=${1:-1000000}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
source "$REPO/bench/ingest/night.sh"
nights_workspace year-night
shift_files() { "$REPO/node_modules/.bin/tsx" "$REPO/bench/ingest/next-month-files.ts" "$@" > /dev/null; }

cp -r "$SOURCE" "$WORK/year"
rm -rf "$WORK/year/drugflow.duckdb" "$WORK/year/drugflow.duckdb.wal" "$WORK/year/out" "$WORK/year/.drugflow"
for by in -11 -10 -9 -8 -7 -6 -5 -4 -3 -2 -1; do shift_files "$WORK/year/inbox" "$WORK/earlier/$by" "$by"; done
hold_tenth "$WORK/year/inbox" "$WORK/held"
for by in -11 -10 -9 -8 -7 -6 -5 -4 -3 -2 -1; do cp -r "$WORK/earlier/$by/." "$WORK/year/inbox/"; done
rm -rf "$WORK/earlier"

night year-night1 "$WORK/year"
cp -r "$WORK/held/." "$WORK/year/inbox/"
night year-night2 "$WORK/year"
shift_files "$WORK/held" "$WORK/november" 1
cp -r "$WORK/november/." "$WORK/year/inbox/"
if [ -n "${YEAR_NIGHT_KEEP:-}" ]; then rm -rf "$YEAR_NIGHT_KEEP"; cp -a "$WORK/year" "$YEAR_NIGHT_KEEP"; fi
night year-night3 "$WORK/year"
echo "logs: $LOGS"
