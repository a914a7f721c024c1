#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for SECONDS on its committed seed corpus.
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
# TARGET: tmx-reader | alignment-decoder | segmenter | documents | dictd | edit-operations (or `list`).
# The build lives in .build-fuzz (TWEETAL_FUZZ=1 declares the fuzz targets; `swift build` and
# `swift test` never see them). New inputs go to .build-fuzz/corpus/TARGET, beside the seeds in
# Tests/Fuzz/Corpus/TARGET; a crash is written to .build-fuzz/crashes/TARGET/ and fails the script.
# Each crash found becomes a regression test (see Tests/Fuzz/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

declare -A products=(
  [tmx-reader]=FuzzTMXReader
  [alignment-decoder]=FuzzAlignmentDecoder
  [segmenter]=FuzzSegmenter
  [dictd]=FuzzDictd
  [documents]=FuzzDocuments
  [edit-operations]=FuzzEditOperations
)
if [ "${1:-}" = list ]; then
  printf '%s\n' "${!products[@]}" | sort
  exit 0
fi
if [ $# -lt 2 ] || [ -z "${products[$1]:-}" ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]; TARGET is one of: $(printf '%s ' "${!products[@]}")" >&2
  exit 64
fi
target=$1
seconds=$2
shift 2
product=${products[$target]}
scratch=.build-fuzz

TWEETAL_FUZZ=1 swift build --scratch-path "$scratch" --product "$product" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing >&2
binary="$(TWEETAL_FUZZ=1 swift build --scratch-path "$scratch" --show-bin-path)/$product"

corpus="$scratch/corpus/$target"
crashes="$scratch/crashes/$target"
mkdir -p "$corpus" "$crashes"
seeds="Tests/Fuzz/Corpus/$target"
dictionary=()
[ -f "Tests/Fuzz/$target.dict" ] && dictionary=("-dict=Tests/Fuzz/$target.dict")
# FoundationEssentials' FileManager.contents(atPath:) leaks its 4 KiB read buffer on some inputs
# (swift 6.3, seen by the dictd target: the leak is inside Foundation, not in DictdDictionary).
[ "$target" = dictd ] && export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

# Swift's own crash backtracer trips AddressSanitizer (a stack-buffer-underflow inside
# CrashHandlerLinux) and buries the fatalError message; libFuzzer prints the stack itself.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

echo "fuzzing $target for $seconds s (corpus $corpus, seeds $seeds)" >&2
"$binary" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" "${dictionary[@]}" "$@"
