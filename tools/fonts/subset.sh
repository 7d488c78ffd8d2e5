#!/usr/bin/env bash
# The web fonts (woff2) are subsets of the OFL Noto Naskh Arabic TTFs shipped whole beside them,
# with every OpenType layout feature kept so that Arabic shapes as before. A subset holds only
# what is drawn with it: kb.css, embed.css and print.css give the face to Arabic-language text
# through a unicode-range, so spaces, Latin letters and punctuation come from the next font of the
# stack and need no glyph here. Kept: the Arabic letters, marks, digits and punctuation of U+0600-0671, the
# letters Arabic writes foreign names with (پ چ ژ ڤ ک گ ی), the Arabic full stop, the joiners and
# direction marks, the ornate parentheses. Left out: the rest of U+0672-06FF (letters of Urdu,
# Sindhi, Pashto..., Quranic marks), which this Arabic text does not use: 26-27 KB a weight
# instead of 41-43 KB with them (63-65 KB for the whole font). A character outside the subset is
# drawn in the reader's own Arabic font. The printable pages, and so the PDFs WeasyPrint makes
# from them, use the same files.
# Run again after replacing a TTF:  tools/fonts/subset.sh
# Needs fonttools and brotli (both in the project's virtualenv: WeasyPrint depends on them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
subset="$(command -v pyftsubset || echo "$here/../../.venv/bin/pyftsubset")"
cd "$here/../../docs/assets/fonts"
for weight in Regular Bold; do
  "$subset" "NotoNaskhArabic-$weight.ttf" --flavor=woff2 --layout-features='*' \
    --unicodes="U+0600-0671,U+067E,U+0686,U+0698,U+06A4,U+06A9,U+06AF,U+06CC,U+06D4,U+200C-200F,U+FD3E-FD3F" \
    --output-file="NotoNaskhArabic-$weight.woff2"
done
