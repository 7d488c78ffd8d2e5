#!/usr/bin/env bash
# Lighthouse (pinned in package.json) against the local build, in Debian's Chromium.
# Usage: tools/lighthouse/run.sh [site-dir]     (PAGES="/ /en/" to audit other pages)
#   -> performance / accessibility / best practices / SEO of each page, on mobile and on desktop
#      (Lighthouse's form-factor presets), the KB transferred, with every audit that cost points.
# The site is served by serve.py, as a host serves it: text compressed (python3 -m http.server
# compresses nothing, which made every page weigh and load several times what it does online).
# Exits non-zero, naming the page, if any run fails or reports no score: a failed run is never
# shown as a result (each run writes its own report, so no earlier page's result can stand in).
set -euo pipefail
set -f  # the pages are split on spaces, never expanded as file patterns (a query has a "?")
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
site="${1:-$root/site}"
port="${PORT:-8799}"
# the home, a theme, a recommendation and the brief with two records (issue 19's target: 98 on a phone
# and a desktop), in each language
pages="${PAGES:-/ /themes/rights/ /recommendations/r12/ /brief/?ids=r05,r16 /en/ /en/themes/rights/ /en/recommendations/r12/ /en/brief/?ids=r05,r16 /fr/ /fr/themes/rights/ /fr/recommendations/r12/ /fr/brief/?ids=r05,r16}"
[ -x "$here/node_modules/.bin/lighthouse" ] || (cd "$here" && npm ci --no-audit --no-fund --silent)
[ -d "$site" ] || { echo "build the site first: SITE_URL=http://127.0.0.1:$port/ ./dev build" >&2; exit 2; }
site="$(cd "$site" && pwd)"  # the server runs from elsewhere: a relative folder would serve nothing
out="$(mktemp -d)"
# served as a host serves it (text gzip-compressed, the root 404.html for a missing address)
python3 "$here/serve.py" "$site" "$port" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/', timeout=1)" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "the local server did not start on port $port:" >&2; cat "$out/server.log" >&2; exit 2; }
  sleep 0.2
done
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
failed=()
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (Lighthouse times are worth little on a busy machine)"
printf '%-28s %-7s %5s %5s %5s %5s %6s\n' page device perf a11y bp seo KB
for page in $pages; do
  for device in mobile desktop; do
    report="$out/$device${page//\//_}.json"
    preset=()
    [ "$device" = desktop ] && preset=(--preset=desktop)
    if ! "$here/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$page" "${preset[@]}" --quiet \
        --output=json --output-path="$report" \
        --only-categories=performance,accessibility,best-practices,seo \
        --chrome-flags="$flags" >"$out/lighthouse.log" 2>&1; then
      echo "FAILED: lighthouse on $page ($device):" >&2
      tail -n 20 "$out/lighthouse.log" >&2
      failed+=("$page ($device)")
      continue
    fi
    python3 - "$report" "$page" "$device" <<'PY' || failed+=("$page ($device)")
import json, sys
path, page, device = sys.argv[1:]
r = json.load(open(path, encoding="utf-8"))
keys = ("performance", "accessibility", "best-practices", "seo")
c = r.get("categories", {})
scores = {k: c.get(k, {}).get("score") for k in keys}
if r.get("runtimeError") or any(s is None for s in scores.values()):
    error = r.get("runtimeError") or {}
    print(f"FAILED: {page} ({device}): no score for "
          f"{', '.join(k for k, s in scores.items() if s is None) or 'the page'}: "
          f"{error.get('code', '')} {error.get('message', '')}".rstrip(), file=sys.stderr)
    sys.exit(1)
sent = r["audits"].get("total-byte-weight", {}).get("numericValue", 0) / 1024  # as transferred
print(f"{page:<28} {device:<7} " + " ".join(f"{round(scores[k] * 100):>5}" for k in keys) + f" {sent:>6.0f}")
for k in keys:
    for ref in c[k]["auditRefs"]:
        a = r["audits"][ref["id"]]
        if ref["weight"] and a["score"] is not None and a["score"] < 1:
            value = f" ({a['displayValue']})" if a.get("displayValue") else ""
            print(f"    {k}: {a['id']}: {a['title']}{value}")
PY
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ${#failed[@]} -gt 0 ]; then
  echo "lighthouse failed on ${#failed[@]} run(s):" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
