#!/usr/bin/env bash
# Lighthouse (pinned in package.json) against the local build, in Debian's Chromium.
# Usage: tools/lighthouse/run.sh [site-dir]   -> prints accessibility / SEO / best-practices per page
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
site="${1:-$root/site}"
port="${PORT:-8799}"
[ -x "$here/node_modules/.bin/lighthouse" ] || (cd "$here" && npm install --no-audit --no-fund --silent)
[ -d "$site" ] || { echo "build the site first: SITE_URL=http://127.0.0.1:$port/ ./dev build" >&2; exit 2; }
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
out="$(mktemp -d)"
printf '%-38s %5s %5s %5s\n' page a11y seo bp
for lang in "" en/ fr/; do
  for page in "" themes/rights/ recommendations/r12/; do
    url="http://127.0.0.1:$port/$lang$page"
    "$here/node_modules/.bin/lighthouse" "$url" --quiet --output=json --output-path="$out/r.json" \
      --only-categories=accessibility,seo,best-practices \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" >/dev/null 2>&1 || true
    python3 - "$out/r.json" "/$lang$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
score = lambda k: round((c[k]["score"] or 0) * 100)
print(f"{sys.argv[2]:<38} {score('accessibility'):>5} {score('seo'):>5} {score('best-practices'):>5}")
for k in ("accessibility", "seo", "best-practices"):
    for ref in c[k]["auditRefs"]:
        a = r["audits"][ref["id"]]
        if ref["weight"] and a["score"] is not None and a["score"] < 1:
            print(f"    {k}: {a['id']}: {a['title']}")
PY
  done
done
