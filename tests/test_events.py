"""Events, on sentences written for these tests (dates need the time-expression stage)."""
from __future__ import annotations

from ngoaigiao.pipeline import process

HEADER = "15/05/2024 10:00\n\n"


def events(text: str):
    return process(HEADER + text, "t").events


def test_talks_with_date_place_and_sides():
    evs = events("Chiều 14/5, tại thủ đô Bắc Kinh, Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với "
                 "Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.")
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.type, ev.date, ev.place) == ("talks", "2024-05-14", "Bắc Kinh")
    assert set(ev.participants) == {"Bùi Thanh Sơn", "Vương Nghị"}
    assert ev.countries == ["VN", "CN"]
    assert (ev.cameo, ev.plover) == ("040", "CONSULT")
    assert ev.evidence


def test_one_event_per_counterpart_when_met_separately():
    evs = events("Ngày 14/5, Chủ tịch nước Tô Lâm đã gặp Tổng thống Indonesia Joko Widodo; "
                 "Thủ tướng Malaysia Anwar Ibrahim.")
    pairs = sorted(tuple(sorted(e.participants)) for e in evs if e.type == "meeting")
    assert pairs == [("Anwar Ibrahim", "Tô Lâm"), ("Joko Widodo", "Tô Lâm")]


def test_visit_range_is_one_event():
    evs = events("Thủ tướng Lào Sonexay Siphandone thăm chính thức Việt Nam từ ngày 12 - 14/5.")
    visits = [e for e in evs if e.type == "visit"]
    assert len(visits) == 1
    assert (visits[0].date, visits[0].end_date, visits[0].place) == ("2024-05-12", "2024-05-14", "Việt Nam")


def test_background_future_and_greetings_are_not_events():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp Đại sứ Trung Quốc Hùng Ba. "
                 "Thủ tướng nhắc lại rằng sau chuyến thăm của Tổng Bí thư Nguyễn Phú Trọng tới Trung Quốc "
                 "tháng 10/2022, quan hệ hai nước phát triển tốt. "
                 "Đại sứ Hùng Ba chuyển lời thăm hỏi của Thủ tướng Lý Cường tới Thủ tướng Phạm Minh Chính. "
                 "Hai bên nhất trí Bộ trưởng Bùi Thanh Sơn sẽ thăm Trung Quốc.")
    assert [(e.type, sorted(e.participants)) for e in evs] == [("meeting", ["Hùng Ba", "Phạm Minh Chính"])]


def test_signing_takes_the_occasion_of_the_talks():
    evs = events("Ngày 14/5, tại Hà Nội, Bộ trưởng Công an Tô Lâm hội đàm với Bộ trưởng Công an Trung Quốc "
                 "Vương Tiểu Hồng. Nhân dịp này, hai bên đã ký kết Bản ghi nhớ hợp tác phòng chống tội phạm "
                 "giữa hai Bộ.")
    signing = next(e for e in evs if e.type == "signing")
    assert signing.date == "2024-05-14" and signing.place == "Hà Nội"
    assert set(signing.participants) == {"Tô Lâm", "Vương Tiểu Hồng"}
    assert signing.documents == ["Bản ghi nhớ hợp tác phòng chống tội phạm giữa hai Bộ"]
    assert (signing.cameo, signing.plover) == ("057", "SUPPORT")


def test_phone_and_video_calls():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Australia Anthony Albanese. "
                 "Cùng ngày, Trưởng ban Đối ngoại Trung ương Lê Hoài Trung hội đàm trực tuyến với Trưởng ban "
                 "Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc Lưu Kiến Siêu.")
    assert sorted(e.type for e in evs) == ["phone_call", "video_call"]


def test_furniture_is_not_read_for_events():
    evs = events("Ngày 14/5, Chủ tịch Quốc hội Vương Đình Huệ tiếp Đại sứ Lào Khamphao Ernthavanh.\n\n"
                 "Tin liên quan\nThủ tướng Phạm Minh Chính hội đàm với Thủ tướng Campuchia Hun Manet\n"
                 "Chủ tịch nước tiếp Đại sứ Cuba\n")
    assert [sorted(e.participants) for e in evs] == [["Khamphao Ernthavanh", "Vương Đình Huệ"]]
