"""Work a server process does once at start, so that no analyst's request pays for it:
the in-memory event index and its sort orders, every template compiled, and the
objects that live as long as the process moved out of the garbage collector's way.

Without this, the first request of each page kind in each worker compiled its
template (50-200 ms), and a full collection now and then walked the ~270,000
long-lived objects (templates, name tables, glossary) in the middle of a request
(~100 ms on a loaded machine): both showed up as the p99 of bench_api.py.
"""
from __future__ import annotations

import gc

SORTS = [(s, o) for s in ("date", "type", "sources") for o in ("desc", "asc")]


def warm_up(app) -> None:
    store = app.state.repo.store
    build = getattr(store, "event_index", None)
    if callable(build):
        try:
            idx = build()
            if idx is not None:
                for sort, order in SORTS:
                    idx.order(sort, order)
        except Exception:  # noqa: BLE001 - a cold index is rebuilt on the first request
            pass
    from ngoaigiao.web.pages import ENV  # noqa: PLC0415 - the templates' environment

    for name in ENV.list_templates(extensions=["html"]):
        ENV.get_template(name)
    _load_tables()
    # FastAPI (0.16x) resolves an included router's routes on the first request reaching
    # it (~100 ms); where it offers the call, do it now.
    for route in app.router.routes:
        resolve = getattr(route, "effective_candidates", None)
        if callable(resolve):
            try:
                resolve()
            except Exception:  # noqa: BLE001 - done lazily on the first request then
                pass
    # Everything alive now lives as long as the process: keep it out of every future
    # collection (Python >= 3.7); garbage made by requests is collected as usual.
    gc.collect()
    gc.freeze()


def _load_tables() -> None:
    """The data files pages read (loaded on first use, ~10-40 ms each): countries, the
    glossary, the Chinese name table, interface strings, the map's projected outlines."""
    from ngoaigiao.countries import country_name  # noqa: PLC0415
    from ngoaigiao.glossary import english, place_english  # noqa: PLC0415
    from ngoaigiao.names.table import persons_by_name  # noqa: PLC0415
    from ngoaigiao.web import geo, lang  # noqa: PLC0415

    country_name("CN", "en")
    english("Bộ trưởng Ngoại giao")
    place_english("Hà Nội")
    persons_by_name("Tập Cận Bình")
    for code in lang.LANGS:
        lang.strings(code)
    for view in geo.VIEWS:
        geo.base_map(view)
    geo.locate("Hà Nội")
