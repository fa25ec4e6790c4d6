#!/usr/bin/env bash
# Wall time of `runner grade` on the class of issue 18: N students (default
# 100) x 2 exercises (callback-split, a WAT file, and callback-promise, a
# module): 60% correct, 20% wrong (the starter), 10% syntax errors, 5% hangs
# (a busy loop in WAT, a never-settling top-level await in JS), 5% missing.
# Prints the median of RUNS runs. With `sandbox-cost` as the third argument,
# it alternates runs with and without the bubblewrap sandbox (`--unsandboxed`),
# pair by pair, and prints both medians and their ratio.
#   bash bench/grade.sh [students] [runs] [sandbox-cost]   RUNNER=path/to/runner to skip the release build
set -euo pipefail
cd "$(dirname "$0")/.."
students=${1:-100}
runs=${2:-3}
mode=${3:-}

if [[ -z "${RUNNER:-}" ]]; then
  cargo build -q --release -p runner
  RUNNER=$PWD/target/release/runner
fi
class=$(mktemp -d)
trap 'rm -rf "$class" "$class.out"' EXIT

files=(chapters/callback/exercises/callback-split/solution/add_later.wat
       chapters/callback/exercises/callback-promise/solution/await_callback.mjs)
only=(--exercise callback-split --exercise callback-promise)
for i in $(seq 0 $((students - 1))); do
  student=$(printf 'student%03d' "$i")
  percent=$(( i * 100 / students ))
  for solution in "${files[@]}"; do
    relative=${solution#chapters/}
    target="$class/$student/${relative/\/solution\//\/}"
    mkdir -p "$(dirname "$target")"
    if (( percent < 60 )); then
      cp "$solution" "$target"
    elif (( percent < 80 )); then
      cp "${solution/\/solution\//\/starter\/}" "$target"
    elif (( percent < 90 )); then
      { cat "$solution"; echo ') ) } {'; } >"$target"
    elif (( percent < 95 )); then
      case "$target" in
        *.wat) echo '(module (func $spin (loop $forever (br $forever))) (start $spin))' >"$target" ;;
        *) { echo 'await new Promise(() => setInterval(() => {}, 1000));'; cat "$solution"; } >"$target" ;;
      esac
    fi # else: missing
  done
done

"$RUNNER" grade "$class" "${only[@]}" >/dev/null || true # warms the wasm-opt cache
time_ms() {
  local start end
  start=$(date +%s%N); "$RUNNER" grade "$class" "${only[@]}" "$@" >"$class.out" 2>/dev/null; end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
if [[ "$mode" == sandbox-cost ]]; then
  sandboxed=() unsandboxed=()
  for _ in $(seq "$runs"); do
    sandboxed+=("$(time_ms)")
    unsandboxed+=("$(time_ms --unsandboxed)")
  done
  with=$(printf '%s\n' "${sandboxed[@]}" | median)
  without=$(printf '%s\n' "${unsandboxed[@]}" | median)
  echo "grade: $students students x ${#files[@]} exercises, $runs alternating pairs"
  echo "  sandboxed:   ${sandboxed[*]} ms, median ${with} ms"
  echo "  unsandboxed: ${unsandboxed[*]} ms, median ${without} ms"
  echo "  the sandbox adds $(( (with - without) * 100 / without ))% to the median"
  echo "  $(tail -1 "$class.out")"
  exit 0
fi
median=$(for _ in $(seq "$runs"); do time_ms; done | median)
echo "grade: $students students x ${#files[@]} exercises, median of $runs runs: ${median} ms"
echo "  $(tail -1 "$class.out")"
