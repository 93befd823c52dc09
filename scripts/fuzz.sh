#!/usr/bin/env bash
# Fuzzes the core's parsers (Fuzz/PlotonFuzz: the embedded planner and the sandboxes it runs,
# result shaping, templates, JSON value access, tool definitions, token responses, Retry-After;
# API keys, webhook secrets, OAuth scopes, signed link tokens, the key ring, IP addresses)
# with libFuzzer for SECONDS, default 60; a TARGET (plan, shape, template, definition, numbers,
# sandbox, untrusted) fuzzes that entry point alone:
#   scripts/fuzz.sh 300
#   scripts/fuzz.sh 300 shape
# The harness is built into .build-fuzz (release, -sanitize=fuzzer). The corpus it grows is kept
# in .fuzz-corpus/ and crashing inputs in .fuzz-artifacts/ (both git-ignored); Fuzz/seeds/ holds
# the committed seeds. Replay a crash with a plain build: swift run ploton-fuzz .fuzz-artifacts/crash-…
# Exits non-zero when an input crashes the harness.
set -euo pipefail
seconds="${1:-60}"
target="${2:-}"
cd "$(dirname "$0")/.."

swift build --scratch-path .build-fuzz -c release --sanitize fuzzer -Xswiftc -DFUZZING --product ploton-fuzz
mkdir -p .fuzz-corpus .fuzz-artifacts
# Swift's own backtracer would take the trap's signal before libFuzzer could save the input.
SWIFT_BACKTRACE=enable=no PLOTON_FUZZ_TARGET="$target" "$(swift build --scratch-path .build-fuzz -c release --show-bin-path)/ploton-fuzz" \
    .fuzz-corpus Fuzz/seeds -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix=.fuzz-artifacts/ -print_final_stats=1 2>&1 | tee ".fuzz-artifacts/last-run${target:+-$target}.log"
