#!/usr/bin/env bash
# The visit report's PDF (issue 20), end to end: scripted journals are built with the real
# `taperlab` binary (the setup lines of the golden cases journal_report_*.golden), the PDF is
# rendered with `taperlab report --format pdf`, converted back to text with poppler's `pdftotext`
# and checked for the key facts, and each page is rasterised with `pdftoppm -r 50` to show that it
# renders. Three journals: six weeks into a taper with a hold, the same after a PHQ-9 with item 9
# above 0 (urgent decision, paused plan), and months after the last dose (recovery).
# Usage: visit_report_pdf_test.sh TAPERLAB_BINARY GOLDEN_CASES_DIR
set -euo pipefail
bin="$1"
cases="$2"
for tool in pdftotext pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null || { echo "missing $tool (poppler-utils: scripts/setup)"; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TAPERLAB_TODAY=2026-11-23 TAPERLAB_NOW=2026-11-23T09:00:00Z XDG_DATA_HOME="$work/data"
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES
failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# Runs the "setup:" lines of a golden case against a fresh database $DB.
build_journal() {
  export DB="$1"
  while IFS= read -r setup; do
    eval "\"$bin\" ${setup#setup: }" >"$work/setup.log" 2>&1 || {
      echo "setup failed: ${setup#setup: }"
      cat "$work/setup.log"
      exit 1
    }
  done < <(grep '^setup: ' "$2")
}

# render NAME DB: the PDF, its text, its page count, each page as an image.
render() {
  local name="$1" db="$2"
  "$bin" report --db "$db" --format pdf --out "$work/$name.pdf" >"$work/$name.log" 2>&1 || {
    cat "$work/$name.log"
    fail "$name: taperlab report failed"
    return
  }
  head -c 5 "$work/$name.pdf" | grep -q '%PDF-' || fail "$name: not a PDF"
  pdftotext -layout "$work/$name.pdf" "$work/$name.txt" || fail "$name: pdftotext failed"
  # pdftotext keeps the layout's line breaks: checks read the text as one line of words.
  tr -s ' \n' '  ' <"$work/$name.txt" >"$work/$name.flat"
  pages="$(pdfinfo "$work/$name.pdf" | sed -n 's/^Pages: *//p')"
  if [[ -z "$pages" || "$pages" -lt 1 || "$pages" -gt 2 ]]; then
    fail "$name: $pages pages (expected 1 or 2)"
  fi
  pdftoppm -r 50 -png "$work/$name.pdf" "$work/$name-page" || fail "$name: pdftoppm failed"
  local images
  images="$(find "$work" -name "$name-page*.png" -size +1k | wc -l)"
  [[ "$images" == "$pages" ]] || fail "$name: $images page images for $pages pages"
  for png in "$work/$name"-page*.png; do
    # A rendered page: a PNG (its signature, then the IHDR's width and height, big-endian) of
    # about 50 dpi: A4 is 414 x 585, Letter 425 x 550.
    local sig dims width height
    sig="$(od -An -tx1 -N8 "$png" | tr -d ' \n')"
    dims=($(od -An -tu1 -j16 -N8 "$png"))
    width=$(((dims[2] << 8) + dims[3]))
    height=$(((dims[6] << 8) + dims[7]))
    [[ "$sig" == 89504e470d0a1a0a ]] || fail "$name: $png is not a PNG"
    ((width >= 400 && width <= 430 && height >= 540 && height <= 600)) ||
      fail "$name: $png is $width x $height"
  done
  echo "$name: $pages page(s), $(wc -c <"$work/$name.pdf") bytes"
}

expect() {
  local name="$1" text="$2"
  grep -qF -- "$text" "$work/$name.flat" || fail "$name: no '$text' in the PDF's text"
}

# 1. Six weeks into a taper, with a hold.
build_journal "$work/taper.db" "$cases/journal_report_taper_hold.golden"
render taper "$work/taper.db"
expect taper "Visit report"
expect taper "Ana Test"
expect taper "Report date 2026-11-23"
expect taper "14.6 mg diazepam-equivalent a day"
expect taper "PHQ-9"
expect taper "moderate"
expect taper "GAD-7"
expect taper "hold"
expect taper "stay on this dose for another 14 days"
expect taper "not a validated scale"
expect taper "a draft to discuss with the prescriber"
expect taper "Kroenke"

# 2. The same journal after a PHQ-9 with item 9 above 0: flagged first, the plan paused.
cp "$work/taper.db" "$work/flag.db"
"$bin" questionnaire phq9 --db "$work/flag.db" --answers 1,1,1,1,1,0,0,0,1 >/dev/null
render flag "$work/flag.db"
expect flag "PHQ-9 item 9"
expect flag "answered 1 of 3 on 2026-11-23"
expect flag "The plan is paused since 2026-11-23"
expect flag "a draft to discuss with the prescriber"

# 3. Months after the last dose (recovery), in the US: Letter paper.
build_journal "$work/recovery.db" "$cases/journal_report_recovery.golden"
render recovery "$work/recovery.db"
expect recovery "Recovery phase"
expect recovery "since the last dose on"
expect recovery "adaptation remaining"
expect recovery "a draft to discuss with the prescriber"
pdfinfo "$work/recovery.pdf" | grep -q 'Page size: *612 x 792' || fail "recovery: not Letter paper"
pdfinfo "$work/taper.pdf" | grep -q 'Page size: *595.2[0-9]* x 841.8[0-9]*' || fail "taper: not A4"

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all visit report PDF checks passed"
