#!/usr/bin/env bash
# The web fonts (woff2) are subsets of the OFL Noto Naskh Arabic TTFs shipped beside them (the
# TTFs stay whole: WeasyPrint embeds them in the PDFs): the Arabic block, Latin basics and
# punctuation, with every OpenType layout feature kept so that Arabic shapes as before. About 41 KB
# instead of 63 KB each. Run again after replacing a TTF:  tools/fonts/subset.sh
# Needs fonttools and brotli (pip install fonttools brotli); nothing else uses them.
set -euo pipefail
cd "$(dirname "$0")/../../docs/assets/fonts"
for weight in Regular Bold; do
  pyftsubset "NotoNaskhArabic-$weight.ttf" --flavor=woff2 --layout-features='*' \
    --unicodes="U+0020-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+200C-200F,U+2010-2027,U+2066-2069,U+FD3E-FD3F" \
    --output-file="NotoNaskhArabic-$weight.woff2"
done
