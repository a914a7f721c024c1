#!/usr/bin/env bash
# Compares `tweetal segment` of two builds byte for byte (stdout, stderr, exit status), in
# --format text and jsonl with --lang auto, on the corpus, the document fixtures' text, the
# man pages and textberg files of ../shared/bench (when present), generated hostile inputs
# (CRLF, lone CR, U+2028, form and vertical tabs, NUL, BOMs, invalid UTF-8, very long lines,
# astral characters, no final newline, empty) and any FILEs given.
#   scripts/compare-segment.sh OLD_TWEETAL NEW_TWEETAL [FILE…]
# Exit status 1 when any output differs. Used to check that speed work changes no output.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ $# -lt 2 ]; then
  echo "usage: scripts/compare-segment.sh OLD_TWEETAL NEW_TWEETAL [FILE…]" >&2
  exit 64
fi
old=$1 new=$2
shift 2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 - "$scratch" <<'PY'
import glob, os, sys
out = sys.argv[1]
base = b"".join(open(f, "rb").read() for f in sorted(glob.glob("corpus/*/*.txt")))
pages = sorted(glob.glob("../shared/bench/nlen-manpages-dev/full/*.en"))
big = (b"".join(open(f, "rb").read() for f in pages) + b"\n") if pages else base
big = (big * (3_000_000 // len(big) + 1))[:3_000_000]
cases = {
    "crlf": base.replace(b"\n", b"\r\n"), "cr": base.replace(b"\n", b"\r"),
    "u2028": base.replace(b"\n", "\u2028".encode()), "u2029": base.replace(b"\n\n", "\u2029".encode()),
    "ff-vt": base.replace(b"\n\n", b"\n\x0c\n", 50).replace(b"\n", b"\x0b", 500),
    "tabs-nbsp": base.replace(b" ", b"\t", 2000).replace(b" ", "\u00a0".encode(), 2000),
    "astral": base.replace(b"a", "\U0001F600".encode(), 500), "nul": b"Text.\x00 More.\n",
    "no-final-newline": base.rstrip(b"\n"), "empty": b"", "bom": b"\xef\xbb\xbf" + base,
    "bom-only": b"\xef\xbb\xbf", "utf16": "\ufeffHello world.\n".encode("utf-16-le"),
    "latin1": "Café één.\n".encode("latin1"), "long-line": base.replace(b"\n", b" ") * 3,
    "big": big, "big-crlf": big.replace(b"\n", b"\r\n"), "big-cr": big.replace(b"\n", b"\r"),
    "big-bom": b"\xef\xbb\xbf" + big, "big-nul": big + b"\x00\n", "big-invalid": big[:1_500_000] + b"\xff" + big[1_500_000:],
    "big-unfinished": big + b"\xe2\x82", "big-no-blank-lines": big.replace(b"\n\n", b"\n"),
    "big-one-line": big.replace(b"\n", b" ") + b"\n\nThe end.\n",
    "big-astral": ("\U0001F600 Het is één café. \u00e9\u20ac\n".encode() * 80_000),
    "astral-line": ("\U0001F600" * 600_000).encode() + b"\nThe end.\n",
}
# Lines joined inside paragraphs: end-of-line hyphens (split words, kept prefixes, acronyms,
# suspended compounds, capitals, digits), URLs broken at / _ = & ?, table rows with padded
# cells, and lines with leading, trailing and inner white space of every kind.
joins = (
    "A well-known decision-\nmaking process, the non-\nregression of EU-\nlanders, mensenhandel-\n"
    "en smokkel, high-\nLevel work, 3-\n4 items, niet-\nbindend, co-\n-operation and -\nx.\n"
    "See https://example.org/a_\nb and www.example.org/x?\ny=1 or http://x.nl/=\n3 here.\n\n"
    "| cell a |\tcell b |\n|  spaced  |  x  |\n|   |\n\n"
    "   Leading and trailing spaces   \n  continue\there\u00a0\u3000now \u2007 \n\t\tand tabs.\n\n"
    "- item one-\n  two\n* item three\n\n1. First-\n   ly\n2. Second\n\n"
    "Short line\n\u00a0\nNBSP line above.\n\n"
).encode()
cases["joins"] = joins * 200
cases["joins-crlf"] = (joins * 50).replace(b"\n", b"\r\n")
for name, data in cases.items():
    open(os.path.join(out, name + ".txt"), "wb").write(data)
PY
files=(corpus/*/*.txt Tests/DocumentsTests/Fixtures/expected/*.txt "$scratch"/*.txt "$@")
for f in ../shared/bench/nlen-manpages-dev/{full,partial}/*.{nl,en} ../shared/bench/textberg-dev/*; do
  [ -f "$f" ] && files+=("$f")
done
runs=0 differ=0
for file in "${files[@]}"; do
  for format in text jsonl; do
    status_old=0 status_new=0
    "$old" segment "$file" --lang auto --format $format >"$scratch/old.out" 2>"$scratch/old.err" || status_old=$?
    "$new" segment "$file" --lang auto --format $format >"$scratch/new.out" 2>"$scratch/new.err" || status_new=$?
    runs=$((runs + 1))
    if [ $status_old != $status_new ] || ! cmp -s "$scratch/old.out" "$scratch/new.out" \
      || ! cmp -s "$scratch/old.err" "$scratch/new.err"; then
      echo "differs: $file (--format $format; exit $status_old/$status_new)"
      differ=$((differ + 1))
    fi
  done
done
echo "compared $runs runs on ${#files[@]} files: $differ differ"
[ $differ = 0 ]
