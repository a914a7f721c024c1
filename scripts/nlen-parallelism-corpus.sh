#!/usr/bin/env bash
# Per-page and cross-page parallelism on the nl-en man pages (issue 12) through corpus runs, so that
# every pair is scored against the same collection and its common segments (template text such as
# the coreutils colophon) are left out: one run over full/ (each Dutch page against its own English
# and against the next page's English, alphabetical, wrapping around: 25 + 25 documents), one over
# partial/ (each page against its own English). Reads x-tweetal-parallelism from each TMX header and
# prints one line per pair and a mean / min / max summary per kind, as scripts/nlen-parallelism.sh
# does for single `tweetal align` runs.
#   scripts/nlen-parallelism-corpus.sh TWEETAL [EXTRA ALIGN OPTIONS…]
# e.g. --two-state-model, or --no-common-segments for the corpus run without the discount.
# Needs ../shared/bench/nlen-manpages-dev; aligns one pair at a time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -lt 1 ]; then
  echo "usage: scripts/nlen-parallelism-corpus.sh TWEETAL [EXTRA ALIGN OPTIONS…]" >&2
  exit 64
fi
tweetal=$(realpath "$1")
shift
data=$(realpath -m ../shared/bench/nlen-manpages-dev)
[ -d "$data/full" ] || { echo "no $data: nothing to measure" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mapfile -t pages < <(cd "$data/full" && ls ./*.nl | sed 's|^\./||; s|\.nl$||')
mkdir -p "$scratch/full/list" "$scratch/partial/list"
for index in "${!pages[@]}"; do
  page=${pages[$index]}
  next=${pages[$(((index + 1) % ${#pages[@]}))]}
  printf '%s\t%s\tfull_-_%s_-_%s\n' "$data/full/$page.nl" "$data/full/$page.en" "$page" "$page"
  printf '%s\t%s\tcross_-_%s_-_%s\n' "$data/full/$page.nl" "$data/full/$next.en" "$page" "$next"
done >"$scratch/full/list/pairs.tsv"
for page in "${pages[@]}"; do
  printf '%s\t%s\tpartial_-_%s_-_%s\n' "$data/partial/$page.nl" "$data/partial/$page.en" "$page" "$page"
done >"$scratch/partial/list/pairs.tsv"
for run in full partial; do
  "$tweetal" align --corpus "$scratch/$run/list/pairs.tsv" --output-dir "$scratch/$run/out" "$@" \
    >/dev/null 2>"$scratch/$run/log" || { cat "$scratch/$run/log" >&2; exit 1; }
  grep -h '^align: .*common segment' "$scratch/$run/log" | sed "s/^/$run run: /" >&2 || true
done
for file in "$scratch"/full/out/*.tmx "$scratch"/partial/out/*.tmx; do
  name=$(basename "$file" .tmx)
  echo "${name//_-_/ } $(grep -o 'type="x-tweetal-parallelism">[0-9.]*' "$file" | sed 's/.*>//')"
done | sort -k1,1 -s | tee "$scratch/lines"
awk '{ n[$1]++; s[$1] += $4; if (!($1 in lo) || $4 < lo[$1]) lo[$1] = $4; if ($4 > hi[$1]) hi[$1] = $4 }
  END { for (k in n) printf "%s: %d pairs, mean %.3f, min %.3f, max %.3f\n", k, n[k], s[k] / n[k], lo[k], hi[k] }' \
  "$scratch/lines" | sort
