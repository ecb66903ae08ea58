#!/bin/sh
# The search benchmark in one command: builds in release mode and runs it; arguments are passed
# on (see `bench/search.sh --help`), e.g. `bench/search.sh --orgs 100000 --skip-pg`.
set -eu
cd "$(dirname "$0")/.."
exec cargo run --release -p hiroba-bench-search -- "$@"
