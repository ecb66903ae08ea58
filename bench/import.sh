#!/bin/sh
# The import benchmark in one command: builds hiroba and the benchmark in release mode and runs
# it; arguments are passed on (see `bench/import.sh --help`), e.g. `bench/import.sh --rows 200000`.
set -eu
cd "$(dirname "$0")/.."
cargo build --release -p hiroba -p hiroba-bench-import
exec cargo run --release -p hiroba-bench-import -- "$@"
