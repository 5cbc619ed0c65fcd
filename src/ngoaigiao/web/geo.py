"""The offline map: country outlines from the vendored world-atlas TopoJSON
(static/vendor/world-atlas), projected on the server (equirectangular) into SVG
paths, and event places placed by the coordinates of data/places.tsv."""
from __future__ import annotations

import functools
import json
import math

from ngoaigiao.countries import code_from_numeric
from ngoaigiao.data import load_tsv
from ngoaigiao.textnorm import key
from ngoaigiao.web.app import STATIC_DIR

ATLAS = STATIC_DIR / "vendor" / "world-atlas" / "countries-110m.json"
# (west, south, east, north) of each view, degrees
VIEWS = {"asia": (60.0, -12.0, 155.0, 56.0), "world": (-170.0, -58.0, 190.0, 84.0),
         "vietnam": (99.0, 7.0, 113.0, 24.5)}
WIDTH = 1000.0


@functools.cache
def _topology() -> dict:
    return json.loads(ATLAS.read_text(encoding="utf-8"))


@functools.cache
def _arcs() -> list[list[tuple[float, float]]]:
    topo = _topology()
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(indexes: list[int]) -> list[tuple[float, float]]:
    arcs = _arcs()
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def _project(view: str):
    w, s, e, n = VIEWS[view]
    k = WIDTH / (e - w)
    height = (n - s) * k

    def xy(lon: float, lat: float) -> tuple[float, float]:
        if view == "world" and lon < -170:
            lon += 360  # keep the Pacific together (Chukotka, the Aleutians)
        return (lon - w) * k, (n - lat) * k
    return xy, height


@functools.cache
def base_map(view: str = "asia") -> dict:
    """{"width", "height", "countries": [{"code", "name", "d"}]} for the view."""
    xy, height = _project(view)
    out = []
    for g in _topology()["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        parts = []
        for poly in polys:
            for ring in poly:
                pts = [xy(lon, lat) for lon, lat in _ring(ring)]
                if len(pts) > 2:
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if parts:
            out.append({"code": code_from_numeric(g.get("id", "")) if g.get("id") else None,
                        "name": (g.get("properties") or {}).get("name"), "d": "".join(parts)})
    return {"width": WIDTH, "height": round(height, 1), "countries": out}


@functools.cache
def _coords() -> dict[str, tuple[float, float, str]]:
    """Place key -> (lat, lon, country) from places.tsv rows that carry coordinates."""
    out = {}
    for r in load_tsv("places.tsv"):
        try:
            lat, lon = float(r.get("lat") or ""), float(r.get("lon") or "")
        except ValueError:
            continue
        out.setdefault(key(r["name"]), (lat, lon, r.get("country") or "", r.get("kind") or ""))
    return out


def locate(place: str | None) -> tuple[float, float, str, str] | None:
    """(lat, lon, country, kind) of a place as events store it; None when places.tsv has no coordinates."""
    if not place:
        return None
    c = _coords()
    k = key(place)
    if k in c:
        return c[k]
    # "Thành phố Nam Ninh, Quảng Tây": the first part that is a known place
    for part in (p.strip() for p in place.replace(";", ",").split(",")):
        if key(part) in c:
            return c[key(part)]
    return None


def place_marks(place_counts: list[dict], view: str = "asia") -> tuple[list[dict], list[dict], list[dict]]:
    """Circles for the places with coordinates (area by count), the places that are whole
    countries (shown by the country's shade, not as a point), and the places without."""
    xy, height = _project(view)
    marks, missing, whole = [], [], []
    top = max((p["n"] for p in place_counts), default=1)
    for p in place_counts:
        loc = locate(p["place"])
        if loc is None:
            missing.append(p)
            continue
        if loc[3] in ("country", "region"):
            whole.append(dict(p, country=loc[2]))
            continue
        x, y = xy(loc[1], loc[0])
        if not (0 <= x <= WIDTH and 0 <= y <= height):
            missing.append(dict(p, off_view=True))
            continue
        r = 3 + 17 * math.sqrt(p["n"] / top)
        marks.append({"place": p["place"], "n": p["n"], "x": round(x, 1), "y": round(y, 1), "r": round(r, 1),
                      "country": loc[2]})
    marks.sort(key=lambda m: -m["r"])  # small circles drawn last, on top
    return marks, whole, missing
