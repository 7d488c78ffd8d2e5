"""Write gcmkb/data/m49.json, the UN M49 regions and the countries in each, from CLDR.

CLDR's territory containment follows the UN Statistics Division's M49 standard
(https://unstats.un.org/unsd/methodology/m49/); Babel carries CLDR's names of the regions but not
what they contain. Run with the unpacked npm package cldr-core:

    npm pack cldr-core@48.2.0 && tar xzf cldr-core-48.2.0.tgz
    python tools/m49.py package/supplemental/territoryContainment.json

Only M49's own regions are kept (three-digit codes): CLDR's groupings (EU, UN, the euro area,
Latin America "419") and deprecated entries are left out.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "gcmkb" / "data" / "m49.json"
REGION = re.compile(r"^\d{3}$")


def derive(containment: dict[str, dict[str, object]], version: str) -> dict[str, object]:
    regions = {code: sorted(entry["_contains"]) for code, entry in sorted(containment.items())  # type: ignore[arg-type]
               if REGION.match(code) and entry.get("_grouping") != "true"}
    return {"source": "CLDR supplemental territoryContainment (npm cldr-core), following UN M49",
            "m49": "https://unstats.un.org/unsd/methodology/m49/",
            "cldr_version": version, "regions": regions}


def main(path: str) -> None:
    data = json.loads(Path(path).read_text("utf-8"))["supplemental"]
    derived = derive(data["territoryContainment"], data["version"]["_cldrVersion"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(derived, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{OUT}: {len(derived['regions'])} regions")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv[1])
