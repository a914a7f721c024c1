#!/usr/bin/env bash
# Per-page and cross-page parallelism on the nl-en man pages (issue 12, "parallelism that reads
# true"): each page of full/ and partial/ against its own English, and each full page against the
# next page's English (alphabetical, wrapping around), reading x-tweetal-parallelism from the TMX
# header of `tweetal align`. Prints one line per pair and a mean / min / max summary per kind.
#   scripts/nlen-parallelism.sh TWEETAL [EXTRA ALIGN OPTIONS…]
# Needs ../shared/bench/nlen-manpages-dev; runs every alignment on one core at a time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -lt 1 ]; then
  echo "usage: scripts/nlen-parallelism.sh TWEETAL [EXTRA ALIGN OPTIONS…]" >&2
  exit 64
fi
tweetal=$(realpath "$1")
shift
data=../shared/bench/nlen-manpages-dev
[ -d "$data/full" ] || { echo "no $data: nothing to measure" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
parallelism() {
  "$tweetal" align "$1" "$2" -o "$scratch/out.tmx" "${@:3}" 2>/dev/null
  grep -o 'type="x-tweetal-parallelism">[0-9.]*' "$scratch/out.tmx" | sed 's/.*>//'
}
mapfile -t pages < <(cd "$data/full" && ls ./*.nl | sed 's|^\./||; s|\.nl$||')
{
  for kind in full partial; do
    for page in "${pages[@]}"; do
      echo "$kind $page $page $(parallelism "$data/$kind/$page.nl" "$data/$kind/$page.en" "$@")"
    done
  done
  for index in "${!pages[@]}"; do
    page=${pages[$index]}
    next=${pages[$(((index + 1) % ${#pages[@]}))]}
    echo "cross $page $next $(parallelism "$data/full/$page.nl" "$data/full/$next.en" "$@")"
  done
} | tee "$scratch/lines"
awk '{ n[$1]++; s[$1] += $4; if (!($1 in lo) || $4 < lo[$1]) lo[$1] = $4; if ($4 > hi[$1]) hi[$1] = $4 }
  END { for (k in n) printf "%s: %d pairs, mean %.3f, min %.3f, max %.3f\n", k, n[k], s[k] / n[k], lo[k], hi[k] }' \
  "$scratch/lines" | sort
