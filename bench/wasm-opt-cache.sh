#!/usr/bin/env bash
# Cold and warm `runner chapter <name>` times, medians of N runs. Cold runs
# use a scratch copy of the workbook with an empty wasm-opt cache.
#   bash bench/wasm-opt-cache.sh [chapter] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
chapter=${1:-asyncify}
runs=${2:-5}

cargo build -q --release -p runner
runner=$PWD/target/release/runner
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fresh_copy() {
  rm -rf "$scratch/wb" && mkdir -p "$scratch/wb"
  cp -r chapters snapshots "$scratch/wb/"
  ln -s "$PWD/node-harness" "$scratch/wb/node-harness"
}

time_ms() {
  local start end
  start=$(date +%s%N); "$runner" chapter "$chapter" --workbook "$scratch/wb" >/dev/null; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

cold=$(for _ in $(seq "$runs"); do fresh_copy; time_ms; done | median)
warm=$(for _ in $(seq "$runs"); do time_ms; done | median)
echo "chapter $chapter, median of $runs runs: cold ${cold} ms, warm ${warm} ms"
