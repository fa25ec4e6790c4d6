#!/usr/bin/env bash
# Where a browser run's time goes: runs `runner all --browser` (release) with
# the driver recording its phases, then prints the launch time and, summed
# over every page, the time in each phase: a fresh context, a new page,
# navigation (the host page and its modules loading), the lesson, and
# reading the result plus closing the context. Pages run side by side, so
# the sums add up to more than the wall time.
#   bash bench/browser-phases.sh
set -euo pipefail
cd "$(dirname "$0")/.."
phases=$(mktemp)
trap 'rm -f "$phases"' EXIT
cargo build -q --release -p runner
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
start=$(date +%s%N)
WORKBOOK_BROWSER_PHASES=$phases target/release/runner all --browser >/dev/null
echo "runner all --browser: $(( ($(date +%s%N) - start) / 1000000 )) ms wall"
python3 - "$phases" <<'PY'
import json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
launches = [r["launchMs"] for r in records if "launchMs" in r]
pages = [r for r in records if "url" in r]
print(f"Chromium launch: {', '.join(f'{ms} ms' for ms in launches)}")
print(f"{len(pages)} pages, summed:")
for phase, label in [("contextMs", "new context"), ("pageMs", "new page"),
                     ("navigationMs", "navigation (host page, modules)"),
                     ("lessonMs", "the lesson"), ("closeMs", "read result, close context")]:
    values = [r.get(phase, 0) for r in pages]
    print(f"  {label:32} {sum(values):6} ms  (median {sorted(values)[len(values) // 2]} ms)")
PY
