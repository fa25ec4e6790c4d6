#!/usr/bin/env bash
# Where a browser run's time goes: runs `runner all --browser` (release) with
# the driver recording its phases, then prints the launch time and, summed
# over the pages, the time in each phase. A page of its own costs a fresh
# context, a new page and a navigation (the host page and its modules
# loading) before the lesson; a variant run in place in a kept host page
# costs only starting the run in it. "Read result, close" is reading the
# result plus closing the context, or checking that a kept page may be kept.
# Pages run side by side, so the sums add up to more than the wall time.
# With WORKBOOK_BROWSER_PAGES=fresh every variant gets a page of its own.
#   bash bench/browser-phases.sh           prints the phases
#   bash bench/browser-phases.sh record    also writes them to book/bench/browser-phases-measured.md,
#                                          which the browser page includes
set -euo pipefail
cd "$(dirname "$0")/.."
phases=$(mktemp)
trap 'rm -f "$phases" "$phases.out"' EXIT
if [[ ${1:-} == record ]]; then
  "$0" > "$phases.out"
  cat "$phases.out"
  {
    echo "<!-- written by \`bash bench/browser-phases.sh record\`; do not edit by hand -->"
    echo
    echo "Measured $(date -u +%Y-%m-%d) at commit \`$(git rev-parse --short HEAD)\`, release build:"
    echo
    echo '```text'
    cat "$phases.out"
    echo '```'
  } > book/bench/browser-phases-measured.md
  echo "wrote book/bench/browser-phases-measured.md"
  exit 0
fi
cargo build -q --release -p runner
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
start=$(date +%s%N)
WORKBOOK_BROWSER_PHASES=$phases /usr/bin/time -f '%U %S' -o "$phases.cpu" \
  target/release/runner all --browser >/dev/null
echo "runner all --browser: $(( ($(date +%s%N) - start) / 1000000 )) ms wall, $(awk '{ printf "%.1f", $1 + $2 }' "$phases.cpu") s CPU (the runner and its children)"
rm -f "$phases.cpu"
python3 - "$phases" <<'PY'
import collections, json, sys
records = [json.loads(line) for line in open(sys.argv[1])]
launches = [r["launchMs"] for r in records if "launchMs" in r]
pages = [r for r in records if "url" in r]
print(f"Chromium launch: {', '.join(f'{ms} ms' for ms in launches)}")
for reused, label in [(False, "in a page of their own"), (True, "in place in a kept page")]:
    group = [r for r in pages if r.get("reused", False) == reused]
    print(f"{len(group)} variants {label}, summed:")
    if not group:
        continue
    for phase, name in [("contextMs", "new context"), ("pageMs", "new page"),
                        ("navigationMs", "navigation, or starting in place"),
                        ("lessonMs", "the lesson"), ("closeMs", "read result, close")]:
        values = [r.get(phase, 0) for r in group]
        print(f"  {name:34} {sum(values):6} ms  (median {sorted(values)[len(values) // 2]} ms)")
reasons = collections.Counter(r["notReusable"] for r in pages if "notReusable" in r)
for why, count in sorted(reasons.items()):
    print(f"pages not kept, {count}x: {why}")
PY
