#!/usr/bin/env bash
# Wall time of `runner grade` on a generated class of N students (median of
# RUNS). Student i hands in the solution of exercise j when (i + j) % 3 != 0,
# and the untouched starter otherwise, so about a third of the checks fail.
#   bash bench/grade.sh [students] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
students=${1:-30}
runs=${2:-3}

cargo build -q --release -p runner
runner=$PWD/target/release/runner
class=$(mktemp -d)
trap 'rm -rf "$class"' EXIT

mapfile -t solutions < <(find chapters -path '*/exercises/*/solution/*' -type f | sort)
for i in $(seq 1 "$students"); do
  student=$(printf 'student%02d' "$i")
  for j in "${!solutions[@]}"; do
    solution=${solutions[$j]}
    relative=${solution#chapters/}
    target="$class/$student/${relative/\/solution\//\/}"
    mkdir -p "$(dirname "$target")"
    if (( (i + j) % 3 != 0 )); then
      cp "$solution" "$target"
    else
      cp "${solution/\/solution\//\/starter\/}" "$target"
    fi
  done
done

"$runner" grade "$class" >/dev/null # warms the wasm-opt cache
time_ms() {
  local start end
  start=$(date +%s%N); "$runner" grade "$class" >"$class.out"; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median=$(for _ in $(seq "$runs"); do time_ms; done | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "grade: $students students x ${#solutions[@]} files, median of $runs runs: ${median} ms"
echo "  $(tail -1 "$class.out")"
rm -f "$class.out"
