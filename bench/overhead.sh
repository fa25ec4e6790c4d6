#!/usr/bin/env bash
# Measures the runner's own overhead: `runner chapter <name>` against running
# the same harnesses directly under the pinned Node. Prints medians of N runs.
#   bash bench/overhead.sh [chapter] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
chapter=${1:-blocking}
runs=${2:-9}

cargo build -q --release -p runner
runner=target/release/runner
$runner chapter "$chapter" >/dev/null   # warm: npm ci stamp, artifacts, wasm-opt cache

node_for() { sed -n "/name = \"$1\"/,/^node = /p" "chapters/$chapter/chapter.toml" | sed -n 's/^node = "\(.*\)"/\1/p'; }
mapfile -t harnesses < <(sed -n 's/^harness = "\(.*\)"/\1/p' "chapters/$chapter/chapter.toml")
mapfile -t variants < <(grep -A1 '^\[\[variant\]\]' "chapters/$chapter/chapter.toml" | sed -n 's/^name = "\(.*\)"/\1/p')

bare() {
  for i in "${!harnesses[@]}"; do
    node=node-harness/node_modules/$(node_for "${variants[$i]}")/bin/node
    "$node" node-harness/node-host.mjs "chapters/$chapter/${harnesses[$i]}" "target/workbook/$chapter" >/dev/null
  done
}
through_runner() { $runner chapter "$chapter" >/dev/null; }

median_ms() {
  local samples=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N); "$1"; end=$(date +%s%N)
    samples+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

bare_ms=$(median_ms bare)
runner_ms=$(median_ms through_runner)
echo "chapter $chapter, median of $runs runs:"
echo "  bare pinned Node: ${bare_ms} ms"
echo "  runner chapter:   ${runner_ms} ms"
awk -v r="$runner_ms" -v b="$bare_ms" 'BEGIN { printf "  ratio:            %.2f\n", r / b }'
