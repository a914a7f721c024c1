#!/usr/bin/env bash
# Makes the document fixtures of Tests/DocumentsTests/Fixtures from the hand-written Flat ODT
# sources in Tests/DocumentsTests/Fixtures/source (idempotent; the outputs are committed, so tests
# and CI never need LibreOffice).
#
#   scripts/make-fixtures.sh     letter.{nl,en}.{odt,docx,pdf,html} and bad/*
#
# Installs what it needs when missing (libreoffice-writer-nogui, poppler-utils, qpdf,
# fonts-liberation2): needs root (or sudo) only then, and says what to run otherwise.
# Deterministic: the ZIP entries get a fixed time, the PDFs a fixed creation date and an /ID made
# from their content, the encrypted PDF a static ID and IV; the same LibreOffice version and fonts
# give the same bytes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixtures="$here/Tests/DocumentsTests/Fixtures"
source_dir="$fixtures/source"
# 2026-12-04T09:00:00Z, the date of the letters.
export SOURCE_DATE_EPOCH=1796374800

case "${1:-}" in
  "") ;;
  -h | --help)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "make-fixtures: unknown option '$1'" >&2
    exit 64
    ;;
esac

# --- what it needs ------------------------------------------------------------------------------
packages=(libreoffice-writer-nogui poppler-utils qpdf fonts-liberation2 python3)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    run=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo)
  else
    echo "make-fixtures: missing Debian packages: ${missing[*]}" >&2
    echo "make-fixtures: run as root: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "make-fixtures: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${run[@]}" apt-get update -q >&2
  "${run[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/make-fixtures.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# A profile of its own: no clash with a running LibreOffice, no user settings in the output.
soffice=(soffice "-env:UserInstallation=file://$work/profile" --headless --norestore)

convert() { # convert FILTER OUTDIR SOURCES...
  local filter="$1" outdir="$2"
  shift 2
  "${soffice[@]}" --convert-to "$filter" --outdir "$outdir" "$@" >"$work/soffice.log" 2>&1 || {
    cat "$work/soffice.log" >&2
    echo "make-fixtures: soffice --convert-to $filter failed" >&2
    exit 1
  }
}

sources=("$source_dir/letter.nl.fodt" "$source_dir/letter.en.fodt")
mkdir -p "$work/out"
convert odt "$work/out" "${sources[@]}"
convert 'docx:MS Word 2007 XML' "$work/out" "${sources[@]}"
convert pdf:writer_pdf_Export "$work/out" "${sources[@]}"
# LibreOffice's own HTML export: real <ol>/<ul>, footnotes as sdfootnote anchors. The XHTML
# filter repeats the title whose paragraph anchors the letterhead frame and types list numbers
# into the text, so it is not used.
convert 'html:HTML (StarWriter):UTF8' "$work/out" "${sources[@]}"

# --- make the outputs reproducible and write them -------------------------------------------------
python3 - "$work/out" "$fixtures" <<'PY'
import hashlib, os, re, sys, time, zipfile

out, fixtures = sys.argv[1], sys.argv[2]
stamp = time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"]))
date_time = stamp[:6]

def zip_fixed(src, dst):
    """The same entries in the same order, each with a fixed time (mimetype stays first, stored)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst + ".tmp", "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            fixed.create_system = 3
            data = zin.read(info.filename)
            if info.filename == "settings.xml":  # ODT: a random revision-save id each run
                data = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>1", data)
            zout.writestr(fixed, data, compresslevel=6)
    os.replace(dst + ".tmp", dst)

def pdf_fixed(src, dst):
    """LibreOffice ignores SOURCE_DATE_EPOCH: the creation date, /ID and /DocChecksum are replaced
    in place (same lengths, so the xref offsets stay right); the /ID becomes a hash of the content."""
    data = open(src, "rb").read()
    date = time.strftime("D:%Y%m%d%H%M%SZ'", stamp).encode()
    data, n = re.subn(rb"/CreationDate\(D:\d{14}Z'\)", b"/CreationDate(" + date + b")", data)
    assert n == 1, "no /CreationDate in " + src
    # /ID and LibreOffice's /DocChecksum (an MD5 that covers the date) in the trailer.
    ids = re.compile(rb"(/ID \[ <)[0-9A-F]{32}(>\s*<)[0-9A-F]{32}(> \]\s*/DocChecksum /)[0-9A-F]{32}")
    assert len(ids.findall(data)) == 1, "no single /ID and /DocChecksum in " + src
    digest = hashlib.md5(ids.sub(b"", data)).hexdigest().upper().encode()
    data = ids.sub(lambda m: m.group(1) + digest + m.group(2) + digest + m.group(3) + digest, data)
    with open(dst + ".tmp", "wb") as f:
        f.write(data)
    os.replace(dst + ".tmp", dst)

for lang in ("nl", "en"):
    for ext in ("odt", "docx"):
        zip_fixed(f"{out}/letter.{lang}.{ext}", f"{fixtures}/letter.{lang}.{ext}")
    pdf_fixed(f"{out}/letter.{lang}.pdf", f"{fixtures}/letter.{lang}.pdf")
    data = open(f"{out}/letter.{lang}.html", "rb").read()
    with open(f"{fixtures}/letter.{lang}.html.tmp", "wb") as f:
        f.write(data)
    os.replace(f"{fixtures}/letter.{lang}.html.tmp", f"{fixtures}/letter.{lang}.html")
PY

# --- bad input ----------------------------------------------------------------------------------
mkdir -p "$fixtures/bad"
# Password-protected (user and owner password "secret", AES-128): a reader must refuse it and say why.
# --static-id/--static-aes-iv are qpdf's options for reproducible test files.
qpdf --static-id --static-aes-iv --encrypt secret secret 128 --use-aes=y -- \
  "$fixtures/letter.nl.pdf" "$work/encrypted.pdf"
mv "$work/encrypted.pdf" "$fixtures/bad/encrypted.pdf"

# A scan: page 1 as a grey JPEG image in a PDF with no text layer (no fonts, no text operators).
pdftoppm -r 60 -gray -jpeg -jpegopt quality=50 -f 1 -l 1 -singlefile "$fixtures/letter.nl.pdf" "$work/scan"
python3 - "$work/scan.jpg" "$fixtures/bad/scan.pdf" <<'PY'
import struct, sys

jpeg = open(sys.argv[1], "rb").read()
# Width and height from the JPEG's start-of-frame marker.
i = 2
while True:
    marker, length = jpeg[i + 1], struct.unpack(">H", jpeg[i + 2:i + 4])[0]
    if marker in (0xC0, 0xC1, 0xC2):
        height, width = struct.unpack(">HH", jpeg[i + 5:i + 9])
        components = jpeg[i + 9]
        break
    i += 2 + length
space = b"/DeviceGray" if components == 1 else b"/DeviceRGB"
content = b"q 595.28 0 0 841.89 0 0 cm /Im0 Do Q\n"
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
    b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
    b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (width, height, space, len(jpeg))
    + jpeg + b"\nendstream",
    b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
]
pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    pdf += b"%010d 00000 n \n" % offset
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[2], "wb").write(pdf)
PY

# A DOCX cut in half (its central directory is gone) and a "DOCX" that is only text.
size=$(wc -c <"$fixtures/letter.nl.docx")
head -c $((size / 2)) "$fixtures/letter.nl.docx" >"$fixtures/bad/truncated.docx"
printf 'This is not a Word document.\nIt is plain text saved under a .docx name, so it is not a ZIP file either.\n' \
  >"$fixtures/bad/not-a-zip.docx"

# --- report -------------------------------------------------------------------------------------
echo "make-fixtures: made in ${fixtures#"$here"/}:"
(cd "$fixtures" && for f in letter.nl.odt letter.nl.docx letter.nl.pdf letter.nl.html \
  letter.en.odt letter.en.docx letter.en.pdf letter.en.html \
  bad/encrypted.pdf bad/scan.pdf bad/truncated.docx bad/not-a-zip.docx; do
  printf '  %-22s %7d bytes\n' "$f" "$(wc -c <"$f")"
done)
too_big=$(find "$fixtures" -maxdepth 2 -type f -size +100k)
if [ -n "$too_big" ]; then
  echo "make-fixtures: larger than 100 KB: $too_big" >&2
  exit 1
fi
