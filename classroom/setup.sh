#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image;
# the autograder zip (the workbook, with this file and run_autograder at its
# top) is unpacked in /autograder/source.
set -euo pipefail
cd "$(dirname "$0")"

apt-get update -qq
# bubblewrap: `grade` runs every submission in a sandbox of its own, and refuses to grade without one.
apt-get install -y -qq --no-install-recommends ca-certificates curl build-essential nodejs npm bubblewrap

if [ ! -x target/release/runner ]; then
  # No prebuilt runner in the zip: build one with the current stable Rust.
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  # shellcheck source=/dev/null
  . "$HOME/.cargo/env"
  cargo build --release --locked -p runner
fi

# Grade an empty submission once: the runner installs the pinned Node
# packages now, not on every submission, and the whole path is tried.
empty=$(mktemp -d)
mkdir "$empty/nobody"
target/release/runner --workbook . grade "$empty" --format gradescope >/dev/null
rm -rf "$empty"
