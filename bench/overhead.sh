#!/usr/bin/env bash
# Measures the runner's own cost, release build against release build, in
# alternating pairs (A, B, A, B, ...), and prints the median wall and CPU
# time of each side and their ratio. Modes:
#   bash bench/overhead.sh chapter <name> [pairs]  runner chapter <name> against the same
#                                                  harnesses, each under its variant's pinned
#                                                  Node and flags, started in parallel by a shell
#   bash bench/overhead.sh all [pairs]             runner all (the goal is stated against it)
#   bash bench/overhead.sh browser [pairs]         runner all --browser against runner all
#   bash bench/overhead.sh record [pairs]          all four comparisons (chapter jspi, chapter
#                                                  asyncify, all, browser), written as a table to
#                                                  book/bench/overhead-measured.md, which the
#                                                  browser page includes
# The load average is printed with the numbers: on a busy machine they say
# little, so re-measure on a quiet one before quoting them.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-chapter}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cargo build -q --release -p runner
runner=$PWD/target/release/runner

# Writes a script that starts every variant of chapter $1 at once, as the
# runner would (the variant's Node, its flags, the Node host), then waits.
write_bare_script() {
  python3 - "$1" > "$scratch/bare.sh" <<'PY'
import shlex, sys, tomllib
chapter = sys.argv[1]
with open(f"chapters/{chapter}/chapter.toml", "rb") as file:
    manifest = tomllib.load(file)
for variant in manifest["variant"]:
    node = f"node-harness/node_modules/{variant['node']}/bin/node"
    words = [node, *variant.get("node_flags", []), "node-harness/node-host.mjs",
             f"chapters/{chapter}/{variant['harness']}", f"target/workbook/{chapter}"]
    print(" ".join(map(shlex.quote, words)) + " >/dev/null &")
print("wait")
PY
}

# Runs "$@" once and appends "wall cpu" (seconds) to the file $sample_file.
# A run that fails still did the same work, so it is timed, and counted in
# $scratch/failures: the summary says how many failed.
measure() {
  if ! /usr/bin/time -f '%e %U %S' -o "$scratch/time" "$@" >"$scratch/output" 2>&1; then
    local kept
    kept=target/overhead-failure-$(date +%s%N).txt
    cp "$scratch/output" "$kept"
    echo "failed: $* (its output is in $kept)" >&2
    echo "$*" >> "$scratch/failures"
  fi
  awk '/^[0-9]/ { printf "%s %.2f\n", $1, $2 + $3 }' "$scratch/time" >> "$sample_file"
}

# The recorded table, from the rows compare() appended to $record_file.
write_record() {
  echo "<!-- written by \`bash bench/overhead.sh record\`; do not edit by hand -->"
  echo
  echo "Measured $(date -u +%Y-%m-%d) at commit \`$(git rev-parse --short HEAD)\`, on $(nproc) cores"
  echo "($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), release builds, medians of"
  echo "$1 alternating pairs. \"CPU\" is user plus system time; the load average is the"
  echo "machine's before and after each comparison (the script's own runs count in it)."
  echo
  echo "| runner | against | runner, wall | against, wall | ratio, wall | ratio, CPU | load average |"
  echo "|---|---|---|---|---|---|---|"
  cat "$record_file"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Alternates $pairs runs of side A ("$1", a command line) and side B ("$2"),
# then prints each side's medians and the ratio A / B.
compare() {
  local label_a=$1 command_a=$2 label_b=$3 command_b=$4
  local load_before
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  for side in a b failures; do : > "$scratch/$side"; done
  for _ in $(seq "$pairs"); do
    sample_file=$scratch/a measure bash -c "$command_a"
    sample_file=$scratch/b measure bash -c "$command_b"
  done
  echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  local wall_a cpu_a wall_b cpu_b
  wall_a=$(cut -d' ' -f1 "$scratch/a" | median); cpu_a=$(cut -d' ' -f2 "$scratch/a" | median)
  wall_b=$(cut -d' ' -f1 "$scratch/b" | median); cpu_b=$(cut -d' ' -f2 "$scratch/b" | median)
  if [[ -n ${record_file:-} ]]; then
    awk -v a="$label_a" -v b="$label_b" -v wa="$wall_a" -v wb="$wall_b" -v ca="$cpu_a" -v cb="$cpu_b" \
      -v load="$load_before → $(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { printf "| `%s` | `%s` | %.2f s | %.2f s | %.2f× | %.2f× | %s |\n", a, b, wa, wb, wa / wb, ca / cb, load }' \
      >> "$record_file"
  fi
  echo "medians of $pairs alternating pairs (seconds):"
  printf '  %-40s wall %6.2f  cpu %6.2f\n' "$label_a" "$wall_a" "$cpu_a" "$label_b" "$wall_b" "$cpu_b"
  awk -v wa="$wall_a" -v wb="$wall_b" -v ca="$cpu_a" -v cb="$cpu_b" \
    'BEGIN { printf "  ratio: %.2fx wall, %.2fx cpu\n", wa / wb, ca / cb }'
  if [[ -s $scratch/failures ]]; then
    echo "  $(wc -l < "$scratch/failures") of $((2 * pairs)) runs failed (timed all the same): rerun one to see why"
    cat "$scratch/failures" >> "$scratch/all-failures"
  fi
}

case $mode in
  chapter)
    chapter=${2:?usage: bash bench/overhead.sh chapter <name> [pairs]}
    pairs=${3:-5}
    "$runner" chapter "$chapter" >/dev/null   # warm: npm ci stamp, artifacts, wasm-opt cache
    write_bare_script "$chapter"
    compare "runner chapter $chapter" "$runner chapter $chapter" \
      "bare harnesses in parallel" "bash $scratch/bare.sh"
    ;;
  all)
    pairs=${2:-5}
    "$runner" all >/dev/null
    compare "runner all" "$runner all" "runner all (again)" "$runner all"
    ;;
  browser)
    pairs=${2:-5}
    "$runner" all >/dev/null
    "$runner" all --browser >/dev/null
    compare "runner all --browser" "$runner all --browser" "runner all" "$runner all"
    ;;
  record)
    pairs=${2:-5}
    record_file=$scratch/table.md
    "$runner" all >/dev/null
    "$runner" all --browser >/dev/null
    for chapter in jspi asyncify; do
      write_bare_script "$chapter"
      compare "runner chapter $chapter" "$runner chapter $chapter" \
        "bare harnesses in parallel" "bash $scratch/bare.sh"
    done
    compare "runner all" "$runner all" "runner all (again)" "$runner all"
    compare "runner all --browser" "$runner all --browser" "runner all" "$runner all"
    if [[ -s $scratch/all-failures ]]; then
      echo "not recorded: some runs failed (see above)" >&2
      exit 1
    fi
    write_record "$pairs" > book/bench/overhead-measured.md
    echo "wrote book/bench/overhead-measured.md"
    ;;
  *)
    echo "unknown mode \`$mode\`: use chapter <name>, all, browser or record" >&2
    exit 2
    ;;
esac
