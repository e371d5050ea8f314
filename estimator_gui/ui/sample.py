"""The sample comparison shown by --screenshot: a patient insured in an out-flow region, a heart
package, home versus Shanghai, Beijing and Hangzhou with a referral, and Shanghai unfiled."""

from __future__ import annotations

from .main_window import MainWindow

TREATMENTS = ("tavr", "pci", "cabg")  # preferred package ids (substring), in order
PLACES = (("shanghai", "referral"), ("beijing", "referral"), ("hangzhou", "referral"),
          ("shanghai", "unfiled"))


def load_sample(window: MainWindow) -> None:
    regions = window.est.regions()
    by_kind = sorted(regions, key=lambda r: ({"county": 0, "prefecture": 1}.get(r.kind, 2), r.id))
    home = next((r for r in by_kind if r.id not in {p for p, _ in PLACES}), by_kind[0])
    window.who.select_region(home.id)
    window.who.select_person("employee", "employed")
    window.who.age.setValue(58)
    treatments = window.est.treatments()
    chosen = next((t for key in TREATMENTS for t in treatments if key in t.id), None)
    chosen = chosen or (treatments[0] if treatments else None)
    if chosen is not None:
        window.bill.choose_treatment(chosen.id, chosen.name_zh)
        window.bill.treatment_search.edit.setText(window.bill.treatment_name)
    window.where.set_home_level("level2" if home.kind == "county" else "level3")
    window.where.clear_places()
    known = {r.id for r in regions}
    places = [(r, f) for r, f in PLACES if r in known]
    spare = [r.id for r in regions if r.id != home.id and r.id not in {p for p, _ in places}]
    while len(places) < 4 and spare:
        places.append((spare.pop(0), "referral"))
    for region, filing in places[:4]:
        window.where.add_place(region, "level3", filing, "direct")
    window.compare()
