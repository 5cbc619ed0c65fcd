"""web/rows.py: the events table's rows and the facet values, built in Python for speed,
escape every value and show what the templates showed (both languages)."""
from __future__ import annotations

from ngoaigiao.web.lang import Translator
from ngoaigiao.web.pages import fmt_date
from ngoaigiao.web.rows import event_rows, facet_items, facet_label
from ngoaigiao.web.urls import ViewURL


def _d(lang):
    return lambda v: fmt_date(v, lang)


def _event(**kw):
    ev = {"id": 7, "type": "talks", "date": "2024-08-19", "end_date": None, "sort_date": "2024-08-19",
          "place": "Bắc Kinh", "n_sources": 3, "confidence": 0.9,
          "participants": [{"id": 1, "name": "Tô Lâm", "country": "VN"},
                           {"id": 2, "name": "Tập Cận Bình", "country": "CN", "pinyin": "Xi Jinping"}]}
    ev.update(kw)
    return ev


def test_a_row_links_the_event_and_its_people_in_the_page_language():
    vi = str(event_rows([_event()], Translator("vi"), _d("vi")))
    assert '<a href="/events/7" class="event-link">19/08/2024</a>' in vi
    assert '<a class="person-link" href="/persons/2">Tập Cận Bình</a> <span class="cc" title="Trung Quốc">CN</span>' in vi
    assert "Xi Jinping" not in vi and vi.count("<tr>") == 1
    en = str(event_rows([_event()], Translator("en"), _d("en")))
    assert '<span class="pinyin muted">Xi Jinping</span>' in en and "19 Aug 2024" in en
    assert 'title="China"' in en and "Beijing" in en   # place from the glossary, its Vietnamese name on hover


def test_every_value_is_escaped():
    html = str(event_rows([_event(place="<script>x</script>", id="a b/c",
                                  participants=[{"id": "<p>", "name": "<b>X</b> & Y", "country": None}])],
                          Translator("vi"), _d("vi")))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;X&lt;/b&gt; &amp; Y" in html
    assert 'href="/events/a%20b%2Fc"' in html and 'href="/persons/%3Cp%3E"' in html


def test_ranges_approximate_dates_low_confidence_many_people_and_skip():
    t, d = Translator("en"), _d("en")
    html = str(event_rows([_event(end_date="2024-08-21")], t, d))
    assert "19 Aug 2024 – 21 Aug 2024" in html
    html = str(event_rows([_event(date="2024-08", sort_date="2024-08-15", date_precision="month")], t, d))
    assert '<span class="approx" data-precision="month">≈ 15 Aug 2024</span>' in html
    html = str(event_rows([_event(confidence=0.3)], t, d))
    assert 'class="low-confidence"' in html
    assert 'class="low-confidence"' not in str(event_rows([_event(confidence=None)], t, d))
    many = [{"id": i, "name": f"P{i}", "country": None} for i in range(7)]
    html = str(event_rows([_event(participants=many)], t, d))
    assert html.count('class="person-link"') == 4 and '<span class="muted">+3</span>' in html
    html = str(event_rows([_event()], t, d, skip=1))
    assert "/persons/1" not in html and "/persons/2" in html
    assert 'class="empty"' in str(event_rows([], t, d))


def test_facet_values_link_to_the_view_with_the_value_toggled():
    view = ViewURL("/events", [("country", "CN"), ("type", "talks")])
    values = [{"value": "talks", "n": 1200, "selected": True}, {"value": "visit", "n": 5, "selected": False}]
    html = str(facet_items(Translator("en"), "type", values, view))
    assert 'href="/events?country=CN" data-facet="type" data-value="talks" aria-current="true">' in html
    assert 'href="/events?country=CN&amp;type=talks&amp;type=visit"' in html
    assert '<span class="n">1,200</span>' in html and html.count("<li>") == 2
    assert view.toggle("place", "Hà Nội") == "/events?country=CN&type=talks&place=H%C3%A0+N%E1%BB%99i"
    assert ViewURL("/events", []).toggle("type", "talks") == "/events?type=talks"
    assert str(facet_label(Translator("en"), "country", "CN")) == 'China <span class="cc">CN</span>'
    assert str(facet_label(Translator("vi"), "cameo", "<04>")) == "<code>&lt;04&gt;</code>"
