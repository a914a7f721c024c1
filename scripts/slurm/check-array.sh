#!/usr/bin/env bash
# Checks the Slurm array job end to end on a running cluster (scripts/slurm/local-cluster.sh start):
# aligns the bundled corpus (plus ../shared/bench/nlen-manpages-dev/full when present) once in one
# process and once as a 3-task array (align-array.sbatch, sbatch --wait), with SOURCE_DATE_EPOCH
# set, and fails unless the union of the shard outputs is byte for byte the single-process output
# and `tweetal corpus report` finds all shards and no failure.
#
#   scripts/slurm/check-array.sh [TWEETAL_BINARY] [TASKS]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$(pwd)
tweetal=$(realpath "${1:-.build/release/tweetal}")
tasks=${2:-3}
[ -x "$tweetal" ] || { echo "check-array: no tweetal binary at $tweetal; build with swift build -c release" >&2; exit 1; }
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

work=$(mktemp -d /tmp/tweetal-slurm-XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir -p "$work/corpus"
manifest="$work/corpus/pairs.tsv"
# The bundled corpus, paths made absolute (the manifest lives elsewhere), then the dev pages.
grep -v '^#' corpus/pairs.tsv | awk -F'\t' -v r="$root" 'NF>=3 { print r "/" $1 "\t" r "/" $2 "\t" $3 }' >"$manifest"
dev=../shared/bench/nlen-manpages-dev/full
if [ -d "$dev" ]; then
  dev=$(realpath "$dev")
  for nl in "$dev"/*.nl; do
    base=$(basename "$nl" .nl)
    [ -f "$dev/$base.en" ] && printf '%s\t%s\t%s\n' "$nl" "$dev/$base.en" "dev-$base" >>"$manifest"
  done
fi
pairs=$(wc -l <"$manifest")
echo "check-array: $pairs pairs, one process vs a $tasks-task array"

"$tweetal" align --corpus "$manifest" --output-dir "$work/single" >/dev/null 2>"$work/single.log" || {
  cat "$work/single.log" >&2
  exit 1
}
(cd "$work" && TWEETAL="$tweetal" sbatch --wait --quiet --array="0-$((tasks - 1))" \
  "$root/scripts/slurm/align-array.sbatch" "$manifest" "$work/sharded") || {
  cat "$work"/tweetal-align-*.log >&2 || true
  echo "check-array: the array job failed (task logs above)" >&2
  exit 1
}
if ! diff -r --exclude=.tweetal "$work/single" "$work/sharded"; then
  echo "check-array: the shards' outputs differ from the single-process run" >&2
  exit 1
fi
"$tweetal" corpus report "$work/sharded"
count=$(find "$work/sharded" -maxdepth 1 -name '*.tmx' | wc -l)
[ "$count" -eq "$pairs" ] || { echo "check-array: $count TMX files for $pairs pairs" >&2; exit 1; }
echo "check-array: the union of $tasks shards equals the single-process output byte for byte ($pairs files)"
