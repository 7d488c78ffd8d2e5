"""The Python/JavaScript twins of the search text pipeline, proved equal under Node on cases
generated to touch every affix, clitic, elision, letter mapping, mark range and digit of both
sides' tables (the browser runs the same file: see test_search.py)."""

from __future__ import annotations

import json
import subprocess

from gcmkb import searchtext as st

from .conftest import ROOT

PIPELINE_JS = ROOT / "docs/assets/search/kb-pipeline.js"
FUNCTIONS = {"normalize": st.normalize, "trim": st.trim, "stemAr": st.stem_ar, "stemFr": st.stem_fr,
             "cliticAr": st.clitic_ar}


def _cases() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    stems_ar = ["كتب", "مهاجر", "حق"]
    for stem in stems_ar:
        for prefix in ("", "و", *st.AR_PREFIXES, *(c + "ال" for c in st.CLITICS), *st.CLITICS):
            for suffix in ("", *st.AR_SUFFIXES, *(a + b for a in st.AR_SUFFIXES for b in st.AR_SUFFIXES)):
                word = prefix + stem + suffix
                cases += [("stemAr", word), ("cliticAr", word), ("cliticAr", "و" + word)]
    for stem in ("migr", "protect", "dét", "a"):
        for suffix in ("", *st.FR_SUFFIXES, "s", "x", "aux", "ss", "e", "es"):
            for elision in ("", *st.FR_ELISION, "l’"):
                cases.append(("stemFr", elision + stem + suffix))
    for ch in [*st._MAP, *st._DIGITS, *(chr(c) for c in st._DROP)]:
        cases.append(("normalize", f"a{ch}ب"))
    for lo, hi in st._MARKS:
        for code in {lo, hi, (lo + hi) // 2}:
            cases.append(("normalize", f"ك{chr(code)}ت"))
    cases += [("normalize", w) for w in ("Éducation", "ÀÉÎÕÜ", "إحتجاز", "أطفال", "آمنة", "ﻻ", "ﷺ", "ǅ", "İ")]
    cases += [("trim", w) for w in ("«الهجرة»", "(GCM)", "...", "", "—x—", "١٢٣،", "'l'accès'")]
    return cases


NODE_RUNNER = """
const vm = require("vm"), fs = require("fs");
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf-8"));
const cases = JSON.parse(fs.readFileSync(0, "utf-8"));
process.stdout.write(JSON.stringify(cases.map(([fn, arg]) => {
  const out = kbSearchText[fn](arg);
  return out === undefined ? null : out;
})));
"""


def test_every_table_entry_gives_the_same_result_under_node() -> None:
    cases = _cases()
    assert len(cases) > 1000
    run = subprocess.run(["node", "-e", NODE_RUNNER, str(PIPELINE_JS)], input=json.dumps(cases),
                         capture_output=True, text=True, timeout=60, check=True)
    js = json.loads(run.stdout)
    python = [FUNCTIONS[fn](arg) for fn, arg in cases]
    mismatches = [(fn, arg, p, j) for (fn, arg), p, j in zip(cases, python, js, strict=True) if p != j]
    assert mismatches == []
