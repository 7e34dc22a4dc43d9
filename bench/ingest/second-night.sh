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
source "$REPO/bench/ingest/night.sh"
nights_workspace second-night
cp -r "$SOURCE" "$WORK/night1"
hold_tenth "$WORK/night1/inbox" "$WORK/held"

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
