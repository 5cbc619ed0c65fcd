"""Date rules of the events stage (extract/event_dates.py) and the time expressions they read,
through the whole pipeline; sentences written for these tests in the genre's style."""
from __future__ import annotations

from ngoaigiao.pipeline import process


def dated(text: str, header: str = "21/12/2022 23:16\n\n"):
    return sorted((e.type, e.date, tuple(sorted(e.participants))) for e in process(header + text, "t").events)


def test_a_day_in_brackets_after_local_time_dates_the_trip():
    evs = dated("Khoảng 18 giờ theo giờ địa phương, cũng cùng giờ Việt Nam (21/12), Chủ tịch nước "
                "Nguyễn Xuân Phúc đã đến Jakarta, bắt đầu chuyến thăm cấp Nhà nước Indonesia.")
    assert ("visit", "2022-12-21", ("Nguyễn Xuân Phúc",)) in evs


def test_a_day_closing_the_headline_dates_the_call():
    evs = dated("Điện đàm giữa Bộ trưởng Jean-Yves Le Drian và Bộ trưởng Bùi Thanh Sơn (23 tháng 7 năm 2021)\n\n"
                "Bộ trưởng Châu Âu và Ngoại giao Pháp Jean-Yves Le Drian đã điện đàm với Bộ trưởng Ngoại giao Bùi Thanh Sơn.",
                header="")
    assert evs == [("phone_call", "2021-07-23", ("Bùi Thanh Sơn", "Jean-Yves Le Drian"))]


def test_a_bracketed_day_that_annotates_a_named_day_does_not_date_the_event():
    body = "\n\n03/09/2021 10:00\n\nBộ trưởng Ngoại giao Pháp Jean-Yves Le Drian đã điện đàm với Bộ trưởng Ngoại giao Bùi Thanh Sơn."
    head = "Điện đàm giữa Bộ trưởng Jean-Yves Le Drian và Bộ trưởng Bùi Thanh Sơn"
    assert [e[1] for e in dated(head + " (2/9)" + body, header="")] == ["2021-09-02"]
    # the headline names a holiday: "(2/9)" is the holiday's day, not the call's
    assert [e[1] for e in dated(head + " nhân Quốc khánh Việt Nam (2/9)" + body, header="")] == [None]
    # a bracket that holds more than one day (an anniversary's years) is never the news day
    evs = dated("Ngày 20/12, Chủ tịch nước Nguyễn Xuân Phúc hội đàm với Tổng thống Joko Widodo nhân kỷ niệm "
                "67 năm quan hệ (30/12/1955 - 30/12/2022).")
    assert ("talks", "2022-12-20", ("Joko Widodo", "Nguyễn Xuân Phúc")) in evs


def test_relative_word_with_a_written_day_dates_the_meeting_by_the_written_day():
    # published late on the 7th, "Chiều qua 7.9" names the 7th: the written day wins
    evs = dated("Chiều qua 7.9, tại Trụ sở Trung ương Đảng, Tổng Bí thư Nông Đức Mạnh đã tiếp "
                "Trưởng ban Tuyên truyền Trung ương Đảng Cộng sản Trung Quốc Lưu Văn Sơn.", header="07/09/2010 23:49\n\n")
    assert ("meeting", "2010-09-07", ("Lưu Văn Sơn", "Nông Đức Mạnh")) in evs


def ranged(text: str):
    return sorted((e.type, e.date, e.end_date) for e in process("19/11/2018 18:33\n\n" + text, "t").events)


def test_a_range_dates_talks_that_span_it_when_no_trip_is_in_the_sentence():
    evs = ranged("Từ ngày 19 đến 21-11, Bộ trưởng Bộ Quốc phòng Việt Nam Ngô Xuân Lịch và Bộ trưởng Bộ Quốc phòng "
                 "Trung Quốc Ngụy Phượng Hòa đồng chủ trì Giao lưu hữu nghị Quốc phòng biên giới lần thứ 5.")
    assert evs == [("talks", "2018-11-19", "2018-11-21")]


def test_a_range_beside_a_trip_is_the_trip_s_and_gives_no_day_to_the_talks():
    evs = ranged("Từ ngày 19 đến 21-11, Bộ trưởng Bộ Quốc phòng Việt Nam Ngô Xuân Lịch thăm chính thức Trung Quốc "
                 "và hội đàm với Bộ trưởng Bộ Quốc phòng Trung Quốc Ngụy Phượng Hòa.")
    assert ("talks", None, None) in evs and not any(t == "talks" and d for t, d, _ in evs)


def test_a_conference_s_range_inside_the_sentence_gives_no_day_to_a_meeting_on_its_sidelines():
    evs = ranged("Bên lề Hội nghị Bộ trưởng Quốc phòng ASEAN diễn ra từ ngày 19 đến 21-11, Bộ trưởng Bộ Quốc phòng "
                 "Việt Nam Ngô Xuân Lịch đã gặp Bộ trưởng Bộ Quốc phòng Trung Quốc Ngụy Phượng Hòa.")
    assert [e for e in evs if e[0] == "meeting"] == [("meeting", None, None)]


def trip(text: str):
    return [(e.date, e.end_date, tuple(sorted(e.participants))) for e in process("16/04/2025 10:00\n\n" + text, "t").events
            if e.type == "visit"]


WELCOME = ("Phát biểu tại hội đàm, Bí thư Khu ủy Quảng Tây Trần Cương chào mừng Bí thư Tỉnh ủy Cao Bằng "
           "Quản Minh Cường và đoàn công tác đến thăm và làm việc tại Quảng Tây. ")


def test_a_range_of_someone_else_s_trip_does_not_date_the_article_s_trip():
    got = trip(WELCOME + "Ông nhấn mạnh: dấu ấn nổi bật của năm nay là chuyến thăm cấp Nhà nước đến Việt Nam của "
               "Chủ tịch nước Trung Quốc Tập Cận Bình từ ngày 14 - 15/4/2025.")
    assert got == [(None, None, ("Quản Minh Cường", "Trần Cương"))]


def test_the_range_of_the_visitor_s_own_trip_still_dates_it():
    got = trip(WELCOME + "Ông nhấn mạnh: chuyến thăm của Bí thư Tỉnh ủy Quản Minh Cường từ ngày 14 - 15/4/2025 "
               "có ý nghĩa quan trọng.")
    assert got == [("2025-04-14", "2025-04-15", ("Quản Minh Cường", "Trần Cương"))]
