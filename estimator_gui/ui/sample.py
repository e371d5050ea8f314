"""The sample comparison shown by --screenshot: a patient insured in an out-flow region, a heart
package, home versus Shanghai, Beijing and Hangzhou with a referral, and Shanghai unfiled."""

from __future__ import annotations

from .main_window import MainWindow

HOMES = ("fuyang", "xiangyun", "liyang", "handan")  # out-flow county/prefecture regions, in order
TREATMENTS = ("tavr", "pci_stent", "cabg", "fx_tavr")  # preferred packages, in order
PLACES = (
    ("shanghai", "referral"),
    ("beijing", "referral"),
    ("hangzhou", "referral"),
    ("shanghai", "unfiled"),
)


def load_sample(window: MainWindow) -> None:
    regions = window.est.regions()
    known = {r.id for r in regions}
    home = next((h for h in HOMES if h in known), None)
    if home is None:  # another database: any region that is not one of the places
        home = next((r.id for r in regions if r.id not in {p for p, _ in PLACES}), regions[0].id)
    window.who.select_region(home)
    window.who.select_person("employee", "employed")
    window.who.age.setValue(58)
    window.where.set_home_level("level3")
    window.where.clear_places()
    places = [(r, f) for r, f in PLACES if r in known]
    spare = [r.id for r in regions if r.id != home and r.id not in {p for p, _ in places}]
    while len(places) < 4 and spare:
        places.append((spare.pop(0), "referral"))
    for region, filing in places[:4]:
        window.where.add_place(region, "level3", filing, "direct")
    # The first preferred package every option can price; else the one that prices the most.
    treatments = {t.id: t for t in window.est.treatments()}
    order = [t for t in TREATMENTS if t in treatments] + sorted(set(treatments) - set(TREATMENTS))
    best: tuple[int, str] | None = None
    for tid in order:
        window.bill.choose_treatment(tid, treatments[tid].name_zh)
        built = window.case_and_options()
        if built is None:
            continue
        results = window.est.compare(*built, with_choices=False).results
        priced = sum(r.estimate is not None for r in results)
        if best is None or priced > best[0]:
            best = (priced, tid)
        if priced == len(results):
            break
    if best is not None:
        window.bill.choose_treatment(best[1], treatments[best[1]].name_zh)
        window.bill.treatment_search.edit.setText(window.bill.treatment_name)
    window.compare()
