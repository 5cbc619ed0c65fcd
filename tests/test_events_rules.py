"""One test (with a negative case) per events rule added for unseen pages; sentences written
for these tests in the genre's style."""
from __future__ import annotations

from ngoaigiao.article import PersonMention
from ngoaigiao.extract.event_candidates import not_a_person
from ngoaigiao.pipeline import process

HEADER = "15/05/2024 10:00\n\n"


def events(text: str, header: str = HEADER):
    return process(header + text, "t").events


def pairs(evs, type_=None):
    return sorted((e.type, tuple(sorted(e.participants))) for e in evs if type_ in (None, e.type))


# --- candidates ---------------------------------------------------------------------------

def test_a_former_or_new_official_after_tiep_is_whom_was_received():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính đã tiếp nguyên Ủy viên Quốc vụ Trung Quốc Đường Gia Triền.")
    assert pairs(evs, "meeting") == [("meeting", ("Phạm Minh Chính", "Đường Gia Triền"))]
    # "tiếp tục" is not a reception
    assert events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp tục chủ trì phiên họp Chính phủ.") == []


def test_meeting_words_before_voi_do_not_hide_the_counterparts():
    evs = events("Chiều 14/5, Bộ trưởng Ngoại giao Bùi Thanh Sơn có các cuộc gặp song phương với "
                 "Ngoại trưởng Nhật Bản Kamikawa Yoko và Ngoại trưởng Australia Penny Wong.")
    assert pairs(evs) == [("meeting", ("Bùi Thanh Sơn", "Kamikawa Yoko")), ("meeting", ("Bùi Thanh Sơn", "Penny Wong"))]
    # a meeting word not followed by whom gives nothing
    assert events("Chiều 14/5, Bộ trưởng Bùi Thanh Sơn có các cuộc gặp song phương bên lề hội nghị.") == []


def test_reception_and_banquet_for_a_delegation():
    evs = events("Tối 14/5, Bí thư Thành ủy Hà Nội Đinh Tiến Dũng đã tiếp và chiêu đãi đoàn đại biểu "
                 "Đảng Cộng sản Trung Quốc do đồng chí Lý Hy, Ủy viên Bộ Chính trị, dẫn đầu.")
    assert ("meeting", ("Lý Hy", "Đinh Tiến Dũng")) in pairs(evs)


def test_a_bracketed_abbreviation_does_not_split_the_signers():
    evs = events("Ngày 14/5, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên và Phó Thủ tướng Quốc vụ viện "
                 "Trung Quốc (QVV) Hàn Chính đã ký Nghị định thư về xuất khẩu sầu riêng.")
    assert [set(e.participants) for e in evs if e.type == "signing"] == [{"Hàn Chính", "Nguyễn Hồng Diên"}]
    # a person after a full stop clause is not a co-signer
    evs = events("Ngày 14/5, Bộ trưởng Nguyễn Hồng Diên đã ký Nghị định thư về xuất khẩu sầu riêng. "
                 "Phó Thủ tướng Hàn Chính phát biểu.")
    assert pairs(evs, "signing") == []


def test_a_trip_being_arranged_is_not_a_trip():
    assert events("Hai bên đang thu xếp chuyến thăm Việt Nam của Thủ tướng Lý Cường.") == []
    evs = events("Ngày 14/5, Thủ tướng Lý Cường bắt đầu chuyến thăm chính thức Việt Nam.")
    assert [e.type for e in evs] == ["visit"]


def test_a_trip_recalled_with_vua_qua_is_background():
    evs = events("Ngày 14/5, Chủ tịch nước Tô Lâm tiếp Đại sứ Ai Cập Ahmed Tawfik. Chủ tịch nước bày tỏ ấn "
                 "tượng tốt đẹp về chuyến thăm Ai Cập tháng Tư vừa qua.")
    assert [e.type for e in evs] == ["meeting"]


def test_the_date_of_the_news_reacted_to_does_not_date_the_message():
    evs = events("Được tin ngày 12/5 tại tỉnh Tứ Xuyên xảy ra động đất, Thủ tướng Phạm Minh Chính đã gửi điện "
                 "thăm hỏi tới Thủ tướng Trung Quốc Lý Cường.")
    (ev,) = evs
    assert ev.type == "message" and ev.date is None
    # without "Được tin" the day in the sentence is the message's
    (ev,) = events("Ngày 12/5, Thủ tướng Phạm Minh Chính đã gửi điện mừng tới Thủ tướng Trung Quốc Lý Cường.")
    assert ev.date == "2024-05-12"


def test_two_senders_one_recipient_each_wrote():
    evs = events("Ngày 14/5, Tổng Bí thư Tô Lâm đã gửi thư thăm hỏi, Chủ tịch nước Lương Cường gửi điện thăm hỏi "
                 "tới Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình.")
    assert {frozenset(e.participants) for e in evs} == {
        frozenset({"Lương Cường", "Tập Cận Bình"}), frozenset({"Tô Lâm", "Tập Cận Bình"})}


def test_senders_and_recipients_listed_in_the_same_order_pair_up():
    evs = events("Ngày 14/5, Thủ tướng Trung Quốc Lý Cường, Bộ trưởng Ngoại giao Trung Quốc Vương Nghị đã gửi "
                 "điện mừng tới Thủ tướng Phạm Minh Chính, Bộ trưởng Ngoại giao Bùi Thanh Sơn.")
    assert {frozenset(e.participants) for e in evs} == {
        frozenset({"Bùi Thanh Sơn", "Vương Nghị"}), frozenset({"Lý Cường", "Phạm Minh Chính"})}
    # one sender to two recipients is one message
    evs = events("Ngày 14/5, Chủ tịch Trung Quốc Tập Cận Bình đã gửi điện mừng tới Tổng Bí thư Tô Lâm và "
                 "Chủ tịch nước Lương Cường.")
    assert [set(e.participants) for e in evs] == [{"Lương Cường", "Tập Cận Bình", "Tô Lâm"}]


def test_a_series_of_messages_goes_on_after_the_lead():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính gửi điện mừng tới Thủ tướng Lào Sonexay Siphandone. "
                 "Chủ tịch nước Tô Lâm gửi điện mừng tới Chủ tịch Lào Thongloun Sisoulith. "
                 "Chủ tịch Quốc hội Trần Thanh Mẫn gửi điện mừng tới Chủ tịch Quốc hội Lào Saysomphone Phomvihane. "
                 "Bộ trưởng Bùi Thanh Sơn gửi điện mừng tới Bộ trưởng Ngoại giao Lào Saleumxay Kommasith.")
    assert len([e for e in evs if e.type == "message"]) == 4
    # a message recalled far from any other is not news
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào Sonexay Siphandone. "
                 "Hai Thủ tướng nhất trí tăng cường hợp tác. Hai bên đánh giá cao hợp tác đầu tư. "
                 "Hai bên nhất trí thúc đẩy thương mại. "
                 "Bộ trưởng Bùi Thanh Sơn từng gửi thư tới Bộ trưởng Ngoại giao Lào Saleumxay Kommasith.")
    assert [e.type for e in evs] == ["talks"]


def test_lan_luot_gap_gives_one_meeting_per_counterpart():
    evs = events("Chiều 14/5, bên lề hội nghị, Bộ trưởng Bùi Thanh Sơn đã lần lượt gặp Ngoại trưởng Thái Lan "
                 "Maris Sangiampongsa, Ngoại trưởng Indonesia Retno Marsudi và Ngoại trưởng Philippines Enrique Manalo.")
    assert len(pairs(evs, "meeting")) == 3
    # without "lần lượt", "cuộc gặp với A và B" is one meeting
    evs = events("Chiều 14/5, Bộ trưởng Bùi Thanh Sơn đã có cuộc gặp với Thủ tướng Lào Sonexay Siphandone "
                 "và Bộ trưởng Ngoại giao Lào Saleumxay Kommasith.")
    assert len(pairs(evs, "meeting")) == 1


def test_the_guest_received_is_the_visitor_and_the_trip_has_no_day_of_its_own():
    evs = events("Chiều 14/5, Thủ tướng Phạm Minh Chính đã tiếp Bộ trưởng Ngoại giao Trung Quốc Vương Nghị "
                 "đang ở thăm và làm việc tại Việt Nam.")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.participants == ["Vương Nghị"] and visit.date is None
    meeting = next(e for e in evs if e.type == "meeting")
    assert meeting.date == "2024-05-14"


def test_officials_at_a_welcome_ceremony_did_not_travel():
    evs = events("Ngày 14/5, Thủ tướng Lào Sonexay Siphandone bắt đầu chuyến thăm chính thức Việt Nam theo lời "
                 "mời của Thủ tướng Phạm Minh Chính. Tham dự Lễ đón có Bộ trưởng Ngoại giao Bùi Thanh Sơn.")
    visit = next(e for e in evs if e.type == "visit")
    assert "Bùi Thanh Sơn" not in visit.participants
    # attendees of talks do join the talks
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào Sonexay Siphandone. "
                 "Tham dự hội đàm có Bộ trưởng Ngoại giao Bùi Thanh Sơn.")
    assert "Bùi Thanh Sơn" in evs[0].participants


def test_the_envoys_sender_did_not_attend():
    evs = events("Ngày 14/5, Đặc phái viên của Tổng Bí thư Tô Lâm, đồng chí Lê Hoài Trung, Trưởng Ban Đối ngoại "
                 "Trung ương, đã hội kiến Chủ tịch Trung Quốc Tập Cận Bình.")
    assert [set(e.participants) for e in evs if e.type == "meeting"] == [{"Lê Hoài Trung", "Tập Cận Bình"}]
    # without the envoy's words, both named before the verb met him
    evs = events("Ngày 14/5, Tổng Bí thư Tô Lâm và đồng chí Lê Hoài Trung đã hội kiến Chủ tịch Trung Quốc "
                 "Tập Cận Bình.")
    assert {p for e in evs for p in e.participants} == {"Tô Lâm", "Lê Hoài Trung", "Tập Cận Bình"}


def test_a_letter_handed_over_is_a_message_from_its_writer():
    evs = events("Ngày 14/5, Bộ trưởng Bùi Thanh Sơn đã hội kiến Chủ tịch Trung Quốc Tập Cận Bình và trao thư "
                 "của Tổng Bí thư Tô Lâm gửi Chủ tịch Tập Cận Bình.")
    got = [(e.type, set(e.participants)) for e in evs]
    assert ("message", {"Tập Cận Bình", "Tô Lâm"}) in got
    assert ("meeting", {"Bùi Thanh Sơn", "Tập Cận Bình"}) in got


def test_places_and_organisations_are_not_people():
    assert not_a_person(PersonMention("Liên Hợp Quốc", 0, 13, 0))
    assert not_a_person(PersonMention("Hà Nội", 0, 6, 0))
    assert not not_a_person(PersonMention("Vương Nghị", 0, 10, 0))


def test_a_surname_re_mention_is_the_same_foreign_leader():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Australia Anthony Albanese. "
                 "Thủ tướng Phạm Minh Chính và Thủ tướng Albanese đã chứng kiến lễ ký kết Bản ghi nhớ về hợp tác "
                 "giáo dục.")
    assert {p for e in evs for p in e.participants} == {"Phạm Minh Chính", "Anthony Albanese"}


# --- candidate rules ------------------------------------------------------------------------

def test_a_dated_reference_gives_the_talks_their_day():
    evs = events("Thủ tướng Phạm Minh Chính đã có buổi hội đàm với Thủ tướng Lào Sonexay Siphandone. "
                 "Tại buổi hội đàm ngày 13/5, Thủ tướng Sonexay Siphandone đánh giá cao hợp tác.")
    assert [(e.type, e.date) for e in evs] == [("talks", "2024-05-13")]


def test_a_range_given_later_dates_the_trip():
    evs = events("Thủ tướng Phạm Minh Chính chủ trì lễ đón Thủ tướng Singapore Lawrence Wong tại Phủ Chủ tịch. "
                 "Thủ tướng Lawrence Wong đang thăm chính thức Việt Nam từ ngày 13 đến 15/5.")
    visit = next(e for e in evs if e.type == "visit")
    assert (visit.date, visit.end_date) == ("2024-05-13", "2024-05-15")


def test_today_on_a_page_dated_by_its_month():
    evs = events("Tại Bắc Kinh chiều nay, Bộ trưởng Công an Lương Tam Quang đã hội kiến Ủy viên Quốc vụ "
                 "Vương Tiểu Hồng.", header=" date 2024-05 ")
    assert [e.date for e in evs] == ["2024-05"]
    # with a full publication date "chiều nay" is that day (the time stage's business)
    evs = events("Tại Bắc Kinh chiều nay, Bộ trưởng Công an Lương Tam Quang đã hội kiến Ủy viên Quốc vụ "
                 "Vương Tiểu Hồng.")
    assert [e.date for e in evs] == ["2024-05-15"]


# --- article rules --------------------------------------------------------------------------

def test_the_only_day_of_the_article_dates_an_undated_meeting():
    evs = events("Ngày 14/5, đoàn đại biểu Quốc hội Lào đến Hà Nội. Chủ tịch Quốc hội Trần Thanh Mẫn đã hội "
                 "đàm với Chủ tịch Quốc hội Lào Saysomphone Phomvihane.")
    assert [(e.type, e.date) for e in evs] == [("talks", "2024-05-14")]
    # two days named: which one is not known
    evs = events("Ngày 13/5, đoàn đại biểu Quốc hội Lào đến Hà Nội. Ngày 14/5, đoàn thăm Văn Miếu. Chủ tịch "
                 "Quốc hội Trần Thanh Mẫn đã hội đàm với Chủ tịch Quốc hội Lào Saysomphone Phomvihane.")
    assert [(e.type, e.date) for e in evs] == [("talks", None)]


def test_an_archive_photo_caption_is_not_the_news():
    evs = events("Chủ tịch nước Tô Lâm và Chủ tịch Tập Cận Bình trong chuyến thăm Việt Nam tháng 12-2023 - Ảnh TTXVN\n\n"
                 "Ngày 14/5, Bộ trưởng Bùi Thanh Sơn hội đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.")
    assert [e.type for e in evs] == ["talks"]


def test_three_countries_are_a_multilateral_session():
    evs = events("Ngày 14/5, Chủ tịch nước Tô Lâm cùng Thủ tướng New Zealand Christopher Luxon và Tổng thống "
                 "Indonesia Joko Widodo đồng chủ trì đối thoại với doanh nghiệp.")
    assert evs == []
    evs = events("Ngày 14/5, Chủ tịch nước Tô Lâm cùng Tổng thống Indonesia Joko Widodo đồng chủ trì đối thoại "
                 "với doanh nghiệp.")
    assert [e.type for e in evs] == ["talks"]


def test_a_trip_mentioned_among_plans_is_planned():
    evs = events("Trong khuôn khổ chuyến thăm, dự kiến, Thủ tướng Lào Sonexay Siphandone sẽ hội đàm với "
                 "Thủ tướng Phạm Minh Chính.")
    assert evs == []
    evs = events("Trong khuôn khổ chuyến thăm Việt Nam, ngày 14/5, Thủ tướng Lào Sonexay Siphandone đã hội đàm với "
                 "Thủ tướng Phạm Minh Chính.")
    assert sorted(e.type for e in evs) == ["talks", "visit"]


def test_a_year_outside_the_careers_of_the_people_named_does_not_date_the_event():
    evs = events("Tháng 5/1972, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Trung Quốc Lý Cường tại Hà Nội.",
                 header="")
    assert [(e.type, e.date) for e in evs] == [("talks", None)]
    evs = events("Tháng 5/2024, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Trung Quốc Lý Cường tại Hà Nội.",
                 header="")
    assert [(e.type, e.date) for e in evs] == [("talks", "2024-05")]


def test_one_call_dated_by_the_text_and_by_the_report_the_morning_after_is_one_event():
    evs = events("Tối 14/5, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Australia Anthony Albanese. "
                 "Trong cuộc điện đàm hôm nay, Thủ tướng Phạm Minh Chính và Thủ tướng Anthony Albanese "
                 "điện đàm về hợp tác năng lượng.")
    assert [(e.type, e.date) for e in evs] == [("phone_call", "2024-05-14")]
    # two days apart: two calls
    evs = events("Ngày 12/5, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Australia Anthony Albanese. "
                 "Ngày 14/5, Thủ tướng Phạm Minh Chính lại điện đàm với Thủ tướng Anthony Albanese.")
    assert sorted(e.date for e in evs) == ["2024-05-12", "2024-05-14"]


def test_a_signing_ceremony_takes_the_attendees_listed_next():
    evs = events("Ngày 14/5, tại Hà Nội, Bộ Ngoại giao tổ chức Lễ ký kết Bản ghi nhớ hợp tác giữa hai Bộ. "
                 "Tham dự buổi Lễ có Bộ trưởng Ngoại giao Bùi Thanh Sơn và Bộ trưởng Ngoại giao Lào "
                 "Saleumxay Kommasith.")
    assert [(e.type, set(e.participants)) for e in evs] == [
        ("signing", {"Bùi Thanh Sơn", "Saleumxay Kommasith"})]
    # attendees of one side only: not an exchange
    evs = events("Ngày 14/5, tại Hà Nội, Bộ Ngoại giao tổ chức Lễ ký kết Bản ghi nhớ hợp tác giữa hai Bộ. "
                 "Tham dự buổi Lễ có Bộ trưởng Ngoại giao Bùi Thanh Sơn và Thứ trưởng Ngoại giao Lê Thị Thu Hằng.")
    assert evs == []


def test_a_guest_received_in_the_passive_voice():
    evs = events("Ngày 14/5, Bộ trưởng Ngoại giao Lào Saleumxay Kommasith đã được Thủ tướng Phạm Minh Chính tiếp.")
    assert [(e.type, set(e.participants)) for e in evs] == [("meeting", {"Saleumxay Kommasith", "Phạm Minh Chính"})]
    evs = events("Ngày 14/5, Bộ trưởng Ngoại giao Lào Saleumxay Kommasith cho biết Thủ tướng Phạm Minh Chính tiếp "
                 "nhận đề xuất.")
    assert evs == []
    # the receiver written with a long title chain, commas included
    evs = events("Ngày 14/5, tại Bắc Kinh, Phó Chủ tịch Quốc hội Nguyễn Khắc Định đã được Ủy viên Bộ Chính trị, "
                 "Ủy viên trưởng Ủy ban Thường vụ Nhân đại toàn quốc Trung Quốc Triệu Lạc Tế tiếp.")
    assert [(e.type, set(e.participants)) for e in evs] == [("meeting", {"Nguyễn Khắc Định", "Triệu Lạc Tế"})]
    # the head of a delegation, with her titles, received
    evs = events("Chiều 14/5, Đoàn đại biểu Hội Hữu nghị Đối ngoại Nhân dân Trung Quốc do bà Dương Vạn Minh, Chủ tịch "
                 "Hội làm Trưởng đoàn đã được Phó Chủ tịch nước Võ Thị Ánh Xuân tiếp.")
    assert [(e.type, set(e.participants)) for e in evs] == [("meeting", {"Dương Vạn Minh", "Võ Thị Ánh Xuân"})]
    # someone else received: not the head
    evs = events("Chiều 14/5, Đoàn đại biểu do bà Dương Vạn Minh, Chủ tịch Hội làm Trưởng đoàn cho biết nhiều sinh viên "
                 "đã được Phó Chủ tịch nước Võ Thị Ánh Xuân tiếp.")
    assert pairs(evs, "meeting") == []
    # "được" in an earlier part of the sentence, beyond a semicolon: no passive
    evs = events("Ngày 14/5, dự án được khởi công tại Hà Nội; Bộ trưởng Ngoại giao Lào Saleumxay Kommasith "
                 "và Thủ tướng Phạm Minh Chính đều cho biết sẽ tiếp.")
    assert evs == []


def test_greetings_passed_on_at_a_meeting_do_not_bring_their_sender():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Trung Quốc Vương Nghị. Tại buổi "
                 "tiếp, Bộ trưởng Vương Nghị chuyển lời thăm hỏi của Thủ tướng Lý Cường tới Thủ tướng Phạm Minh Chính.")
    assert {p for e in evs for p in e.participants} == {"Phạm Minh Chính", "Vương Nghị"}


def test_a_courtesy_visit_is_a_meeting_and_an_online_seminar_a_video_call():
    evs = events("Ngày 14/5, Đại sứ Lào Khamphao Ernthavanh đến thăm xã giao Bộ trưởng Bùi Thanh Sơn.")
    assert [e.type for e in evs] == ["meeting"]
    evs = events("Ngày 14/5, Bộ trưởng Bùi Thanh Sơn và Bộ trưởng Ngoại giao Lào Saleumxay Kommasith "
                 "tọa đàm trực tuyến về hợp tác.")
    assert [e.type for e in evs] == ["video_call"]
    # a seminar in a hall is not a video call
    evs = events("Ngày 14/5, Bộ trưởng Bùi Thanh Sơn dự tọa đàm về hợp tác.")
    assert evs == []


def test_the_envoy_himself_is_there():
    evs = events("Chiều 14/5, tại Hà Nội, Bộ trưởng Bùi Thanh Sơn đã tiếp Đặc phái viên của Tổng thống "
                 "Indonesia, ông Luhut Pandjaitan.")
    assert [(e.type, set(e.participants)) for e in evs] == [("meeting", {"Bùi Thanh Sơn", "Luhut Pandjaitan"})]


def test_a_meeting_held_online_said_later_in_the_clause_is_a_video_call():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Nhật Bản Kishida Fumio theo hình thức "
                 "trực tuyến.")
    assert [e.type for e in evs] == ["video_call"]
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Nhật Bản Kishida Fumio. Hai bên nhất trí "
                 "đẩy mạnh thương mại theo hình thức trực tuyến.")
    assert [e.type for e in evs] == ["meeting"]


def test_the_head_of_a_welcomed_delegation_is_the_visitor():
    evs = events("Chiều 14/5, Chủ tịch Quốc hội Trần Thanh Mẫn chủ trì Lễ đón chính thức Đoàn đại biểu cấp cao "
                 "Quốc hội Trung Quốc. Đoàn do Chủ tịch Quốc hội Trung Quốc Triệu Lạc Tế dẫn đầu.")
    visit = next(e for e in evs if e.type == "visit")
    assert set(visit.participants) == {"Triệu Lạc Tế", "Trần Thanh Mẫn"}
    # a welcome of a named guest needs no delegation head
    evs = events("Chiều 14/5, Chủ tịch Quốc hội Trần Thanh Mẫn chủ trì Lễ đón Chủ tịch Quốc hội Trung Quốc "
                 "Triệu Lạc Tế.")
    visit = next(e for e in evs if e.type == "visit")
    assert set(visit.participants) == {"Triệu Lạc Tế", "Trần Thanh Mẫn"}


def test_a_verb_coordinated_with_a_planned_one_is_planned():
    evs = events("Ngày 14/5, Thủ tướng Lào Sonexay Siphandone sẽ chào xã giao Tổng Bí thư Tô Lâm và hội đàm với "
                 "Thủ tướng Phạm Minh Chính.")
    assert evs == []
    # a new clause after a semicolon is reported on its own
    evs = events("Ngày 14/5, Thủ tướng Lào Sonexay Siphandone sẽ chào xã giao Tổng Bí thư Tô Lâm; Bộ trưởng "
                 "Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao Lào Saleumxay Kommasith.")
    assert [e.type for e in evs] == ["talks"]


def test_a_welcome_ceremony_that_names_only_its_host_is_not_a_trip():
    evs = events("Chiều 14/5, lễ đón các nhà lãnh đạo dự hội nghị cấp cao được tổ chức tại Manila. "
                 "Tổng thống Philippines Ferdinand Marcos Jr. chủ trì lễ đón.")
    assert evs == []
    evs = events("Chiều 14/5, Tổng thống Philippines Ferdinand Marcos Jr. chủ trì lễ đón Chủ tịch nước Lương Cường.")
    assert [e.type for e in evs] == ["visit"]


def test_tiep_x_then_a_title_alone_is_the_holder_named_before():
    evs = events("Chủ tịch nước Lương Cường tiếp các Đại sứ trình Quốc thư\n\n"
                 "Ngày 14/5, các Đại sứ đã trình Quốc thư lên Chủ tịch nước. "
                 "Tiếp Đại sứ Anh Iain Frew, Chủ tịch nước khẳng định Việt Nam coi trọng quan hệ với Anh.")
    assert [(e.type, set(e.participants)) for e in evs] == [("meeting", {"Lương Cường", "Iain Frew"})]
    # a title no one in the article holds names nobody
    evs = events("Ngày 14/5, các Đại sứ đã trình Quốc thư. "
                 "Tiếp Đại sứ Anh Iain Frew, Chủ tịch nước khẳng định Việt Nam coi trọng quan hệ với Anh.")
    assert evs == []


def test_the_other_sides_attendees_listed_in_a_sentence_of_their_own():
    evs = events("Ngày 14/5, tại Hà Nội, Bộ Ngoại giao tổ chức Lễ ký kết Bản ghi nhớ hợp tác giữa hai Bộ. "
                 "Tham dự buổi Lễ có Bộ trưởng Ngoại giao Bùi Thanh Sơn. "
                 "Về phía Lào có Bộ trưởng Ngoại giao Lào Saleumxay Kommasith.")
    assert [(e.type, set(e.participants)) for e in evs] == [
        ("signing", {"Bùi Thanh Sơn", "Saleumxay Kommasith"})]
    # a sentence that does not open with a side goes no further
    evs = events("Ngày 14/5, tại Hà Nội, Bộ Ngoại giao tổ chức Lễ ký kết Bản ghi nhớ hợp tác giữa hai Bộ. "
                 "Tham dự buổi Lễ có Bộ trưởng Ngoại giao Bùi Thanh Sơn. "
                 "Bộ trưởng Ngoại giao Lào Saleumxay Kommasith đánh giá cao hợp tác.")
    assert evs == []


# --- delegations (extract/event_delegations.py) -------------------------------------------

def test_hosts_listed_after_a_delegation_received_meet_its_head():
    evs = events("Ngày 14/5, đoàn công tác tỉnh Cao Bằng do đồng chí Trần Hồng Minh, Bí thư Tỉnh ủy, làm "
                 "trưởng đoàn đã sang thăm và làm việc tại tỉnh Quảng Tây, Trung Quốc. "
                 "Tiếp và hội kiến với đoàn có đồng chí Lưu Ninh, Bí thư Khu ủy Quảng Tây.")
    assert pairs(evs, "meeting") == [("meeting", ("Lưu Ninh", "Trần Hồng Minh"))]
    assert "hosts_of_delegation" in next(e for e in evs if e.type == "meeting").rules
    # with no delegation and nobody who led one, a list after "có" makes no meeting
    evs = events("Ngày 14/5, tỉnh Cao Bằng tổ chức hội nghị xúc tiến đầu tư. "
                 "Tiếp và hội kiến với các doanh nghiệp có đồng chí Lưu Ninh, Bí thư Khu ủy Quảng Tây.")
    assert pairs(evs, "meeting") == []


def test_hosts_complete_the_talks_of_a_delegation_with_an_organisation():
    evs = events("Ngày 14/5, Đoàn đại biểu huyện Hà Khẩu, tỉnh Vân Nam (Trung Quốc) do đồng chí Vương Minh, "
                 "Bí thư Huyện ủy Hà Khẩu, Trung Quốc làm trưởng đoàn đã có buổi hội đàm với huyện Bát Xát. "
                 "Tiếp và làm việc với đoàn có đồng chí Nguyễn Văn Bình, Bí thư Huyện ủy Bát Xát.")
    assert [(e.type, e.date, sorted(e.participants)) for e in evs] == [
        ("talks", "2024-05-14", ["Nguyễn Văn Bình", "Vương Minh"])]
    # the talks alone, with an organisation as counterpart, are no event
    evs = events("Ngày 14/5, Đoàn đại biểu huyện Hà Khẩu, tỉnh Vân Nam (Trung Quốc) do đồng chí Vương Minh, "
                 "Bí thư Huyện ủy Hà Khẩu, Trung Quốc làm trưởng đoàn đã có buổi hội đàm với huyện Bát Xát.")
    assert evs == []


def test_attendees_and_hosts_complete_talks_between_delegations():
    evs = events("Ngày 14/5, Đoàn đại biểu tỉnh Vân Nam đã hội đàm với Đoàn đại biểu tỉnh Hà Giang. "
                 "Dự hội đàm về phía tỉnh Hà Giang có các đồng chí: Nguyễn Văn Sơn, Bí thư Tỉnh ủy; "
                 "Hoàng Gia Long, Phó Chủ tịch UBND tỉnh. "
                 "Về phía Bộ Ngoại giao có đồng chí Lê Thị Hà, Vụ trưởng Vụ Tổng hợp kinh tế. "
                 "Tiếp và hội đàm với đoàn có đồng chí Vương Ninh, Bí thư Tỉnh ủy Vân Nam, Trung Quốc.")
    talks = [e for e in evs if e.type == "talks"]
    assert [(e.date, sorted(e.participants)) for e in talks] == [
        ("2024-05-14", ["Hoàng Gia Long", "Lê Thị Hà", "Nguyễn Văn Sơn", "Vương Ninh"])]
    # attendees of one side only: nobody to have talks with
    evs = events("Ngày 14/5, Đoàn đại biểu tỉnh Vân Nam đã hội đàm với Đoàn đại biểu tỉnh Hà Giang. "
                 "Dự hội đàm về phía tỉnh Hà Giang có các đồng chí: Nguyễn Văn Sơn, Bí thư Tỉnh ủy; "
                 "Hoàng Gia Long, Phó Chủ tịch UBND tỉnh.")
    assert [e for e in evs if e.type == "talks"] == []


def test_a_delegation_as_subject_stands_for_the_head_named_earlier():
    evs = events("Từ ngày 10 - 14/5, Đoàn đại biểu HĐND tỉnh Lào Cai do đồng chí Vũ Xuân Cường, Chủ tịch "
                 "HĐND tỉnh làm trưởng đoàn sang thăm và làm việc tại tỉnh Vân Nam (Trung Quốc). "
                 "Đoàn đại biểu HĐND tỉnh Lào Cai cũng đã hội đàm với đoàn đại biểu Ủy ban Thường vụ Nhân đại "
                 "tỉnh Vân Nam do đồng chí Vương Thụ Lâm, Phó Chủ nhiệm Ủy ban Thường vụ Nhân đại tỉnh Vân Nam "
                 "làm trưởng đoàn.")
    assert pairs(evs, "talks") == [("talks", ("Vũ Xuân Cường", "Vương Thụ Lâm"))]
    # no delegation head named earlier: the delegation stands for nobody
    evs = events("Ngày 14/5, Đoàn đại biểu HĐND tỉnh Lào Cai đã hội đàm với đoàn đại biểu Ủy ban Thường vụ "
                 "Nhân đại tỉnh Vân Nam do đồng chí Vương Thụ Lâm, Phó Chủ nhiệm Ủy ban Thường vụ Nhân đại "
                 "tỉnh Vân Nam làm trưởng đoàn.")
    assert pairs(evs, "talks") == []


def test_a_welcome_of_the_delegation_is_on_the_first_day_of_its_trip():
    trip = ("Sáng ngày 10/5/2024, đoàn công tác của HĐND tỉnh Lạng Sơn do đồng chí Đoàn Thu Hà, Phó Chủ tịch "
            "HĐND tỉnh làm trưởng đoàn đã sang thăm, làm việc tại Quảng Tây, Trung Quốc từ ngày 10/5/2024 đến "
            "ngày 14/5/2024. ")
    evs = events(trip + "Đón tiếp và hội kiến với đoàn tại cửa khẩu có đồng chí Lưu Kỳ, Phó Chủ nhiệm Ủy ban "
                 "Nhân đại Quảng Tây.")
    assert [(e.date, sorted(e.participants)) for e in evs if e.type == "meeting"] == [
        ("2024-05-10", ["Lưu Kỳ", "Đoàn Thu Hà"])]
    # a reception later in the trip, not a welcome: the day is not known
    evs = events(trip + "Tiếp và hội kiến với đoàn có đồng chí Lưu Kỳ, Phó Chủ nhiệm Ủy ban Nhân đại Quảng Tây.")
    assert [(e.date, sorted(e.participants)) for e in evs if e.type == "meeting"] == [
        (None, ["Lưu Kỳ", "Đoàn Thu Hà"])]


def test_den_chao_is_a_courtesy_call():
    evs = events("Sáng 14/5, tại Bắc Kinh, Thứ trưởng Bộ Ngoại giao Nguyễn Minh Hằng đã đến chào Bộ trưởng "
                 "Bộ Ngoại giao Trung Quốc Vương Nghị.")
    assert pairs(evs) == [("meeting", ("Nguyễn Minh Hằng", "Vương Nghị"))]
    # "đến chào mừng" is no call on anyone; "đến chào xã giao" still is one
    assert events("Sáng 14/5, Thứ trưởng Nguyễn Minh Hằng đến chào mừng Đại hội.") == []
    evs = events("Sáng 14/5, Đại sứ Ấn Độ Pranay Kumar đến chào xã giao Bộ trưởng Phan Văn Giang.")
    assert pairs(evs) == [("meeting", ("Phan Văn Giang", "Pranay Kumar"))]


def test_the_organisation_met_stands_for_the_person_titled_in_it():
    lead = ("Ngày 14/5, tại Vientiane, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên và Bộ trưởng Bộ Công Thương "
            "Lào Malaithong Kommasith đã ký Bản ghi nhớ về hợp tác thương mại biên giới. ")
    evs = events(lead + "Chiều 14/5, Bộ trưởng Nguyễn Hồng Diên cùng đoàn công tác làm việc với Bộ Công Thương Lào.")
    assert ("meeting", ("Malaithong Kommasith", "Nguyễn Hồng Diên")) in pairs(evs)
    assert "organisation_counterpart" in next(e for e in evs if e.type == "meeting").rules
    # an organisation nobody of the article is titled in stands for nobody
    evs = events(lead + "Chiều 14/5, Bộ trưởng Nguyễn Hồng Diên cùng đoàn công tác làm việc với Bộ Tài chính Lào.")
    assert pairs(evs, "meeting") == []


def test_a_conference_chaired_by_both_sides_is_their_talks():
    evs = events("Sáng 14/5, tại thành phố Vinh, Bí thư Tỉnh ủy Nghệ An Nguyễn Đức Trung và Tỉnh trưởng tỉnh "
                 "Xiêng Khoảng Vilay Vongkhamxao chủ trì Hội nghị hợp tác giữa hai tỉnh.")
    assert pairs(evs) == [("talks", ("Nguyễn Đức Trung", "Vilay Vongkhamxao"))]
    # chaired by one side, with a guest named after the verb: a conference, no talks
    evs = events("Sáng 14/5, Bí thư Tỉnh ủy Nghệ An Nguyễn Đức Trung chủ trì Hội nghị xúc tiến đầu tư, có sự "
                 "tham dự của Đại sứ Lào Khamphao Ernthavanh.")
    assert pairs(evs) == []
    # two chairs of one country: a domestic conference
    evs = events("Sáng 14/5, Bí thư Tỉnh ủy Nghệ An Nguyễn Đức Trung và Chủ tịch UBND tỉnh Nghệ An Lê Hồng Vinh "
                 "chủ trì Hội nghị xúc tiến đầu tư.")
    assert pairs(evs) == []
    # a Lao province in a title gives the person's country
    evs = events("Sáng 14/5, Bí thư Tỉnh ủy Nghệ An Nguyễn Đức Trung hội đàm với Tỉnh trưởng tỉnh Xiêng Khoảng "
                 "Khampheng Saysompheng.")
    assert [e.countries for e in evs] == [["VN", "LA"]]


def test_a_future_cue_after_the_subject_plans_the_trip():
    evs = events("Nhận lời mời của Thủ tướng Lào Sonexay Siphandone, Thủ tướng Phạm Minh Chính, Ủy viên Bộ "
                 "Chính trị, sẽ dẫn đầu Đoàn đại biểu cấp cao Chính phủ thăm chính thức Lào từ ngày 20 đến "
                 "ngày 22/5/2024.")
    assert [e for e in evs if e.type == "visit"] == []
    # done, not planned: the trip is reported
    evs = events("Nhận lời mời của Thủ tướng Lào Sonexay Siphandone, Thủ tướng Phạm Minh Chính, Ủy viên Bộ "
                 "Chính trị, đã dẫn đầu Đoàn đại biểu cấp cao Chính phủ thăm chính thức Lào từ ngày 12 đến "
                 "ngày 14/5/2024.")
    assert [(e.type, e.date) for e in evs if e.type == "visit"] == [("visit", "2024-05-12")]


def test_a_meeting_to_prepare_a_trip_is_not_the_trip():
    evs = events("Sáng 14/5, Tỉnh ủy Lạng Sơn họp đoàn đại biểu của tỉnh do đồng chí Hoàng Văn Nghiệm, Bí thư "
                 "Tỉnh ủy làm trưởng đoàn, nhằm thống nhất các nội dung phục vụ chuyến công tác tại Quảng Tây, "
                 "Trung Quốc.")
    assert [e for e in evs if e.type == "visit"] == []
    evs = events("Sáng 14/5, đoàn đại biểu tỉnh Lạng Sơn do đồng chí Hoàng Văn Nghiệm, Bí thư Tỉnh ủy làm "
                 "trưởng đoàn đã bắt đầu chuyến công tác tại Quảng Tây, Trung Quốc.")
    assert [(e.type, e.participants) for e in evs] == [("visit", ["Hoàng Văn Nghiệm"])]


def test_trips_recalled_with_hoi_thang_are_background_and_so_is_the_next_one():
    evs = events("Ngày 14/5, Bộ trưởng Quốc phòng Phan Văn Giang tiếp Đại sứ Ấn Độ Sandeep Arya. Chuyến thăm "
                 "Việt Nam của Bộ trưởng Quốc phòng Rajnath Singh hồi tháng 6/2022 và chuyến thăm Ấn Độ của "
                 "Bộ trưởng Phan Văn Giang tháng 12/2023 là những dấu mốc quan trọng.")
    assert [e.type for e in evs] == ["meeting"]
    # "vào hồi 9 giờ" is a time of day, not a recall
    evs = events("Vào hồi 9 giờ ngày 14/5, Thủ tướng Ấn Độ Narendra Modi bắt đầu chuyến thăm chính thức Việt Nam.")
    assert [e.type for e in evs] == ["visit"]


def test_a_visit_that_may_soon_happen_is_not_reported():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp Đại sứ Thái Lan Urawadee Sriphiromya. Đại sứ tin "
                 "tưởng, Thủ tướng Thái Lan Srettha Thavisin có thể sớm thăm Việt Nam.")
    assert [e.type for e in evs] == ["meeting"]
    evs = events("Ngày 14/5, Thủ tướng Thái Lan Srettha Thavisin thăm Việt Nam.")
    assert [e.type for e in evs] == ["visit"]
    # "có thể nói" (it can be said) reports the trip
    evs = events("Có thể nói chuyến thăm chính thức Việt Nam của Thủ tướng Thái Lan Srettha Thavisin từ ngày 12 "
                 "đến 14/5 đã thành công tốt đẹp.")
    assert [(e.type, e.date) for e in evs] == [("visit", "2024-05-12")]


def test_a_resident_guest_calling_at_an_office_makes_no_trip():
    evs = events("Ngày 14/5, tại trụ sở Báo Quân đội nhân dân, Đại tá Đoàn Xuân Bộ, Tổng Biên tập đã tiếp ông "
                 "Lý Tuấn, Trưởng Văn phòng thường trú Nhân dân Nhật báo tại Việt Nam, tới thăm và làm việc.")
    assert [e.type for e in evs] == ["meeting"]
    # a guest who came from abroad is on a trip
    evs = events("Ngày 14/5, tại trụ sở Báo Quân đội nhân dân, Đại tá Đoàn Xuân Bộ, Tổng Biên tập đã tiếp ông "
                 "Lý Tuấn, Phó Tổng Biên tập Nhân dân Nhật báo Trung Quốc, tới thăm và làm việc.")
    assert sorted(e.type for e in evs) == ["meeting", "visit"]


def test_an_ambassador_ending_his_posting_in_the_hosts_country_makes_no_trip():
    text = ("Chiều 14/5, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường đã tiếp Đại sứ Trung Quốc tại Việt Nam Hà Vĩ "
            "đến chào nhân dịp ông kết thúc chuyến công tác tại Việt Nam.")
    assert [e.type for e in events(text)] == ["meeting"]
    # the talks' city after the guest's name is no posting: the trip stays
    evs = events("Chiều 14/5, Bộ trưởng Ngoại giao Trung Quốc Vương Nghị đã hội đàm với Bộ trưởng Ngoại giao Lê Hoài "
                 "Trung tại Bắc Kinh, nhân chuyến thăm Trung Quốc của Bộ trưởng Lê Hoài Trung.")
    assert sorted(e.type for e in evs) == ["talks", "visit"]


def test_a_bracketed_original_spelling_does_not_hide_the_shared_subject():
    evs = events("Ngày 14/5, Phó Thủ tướng Trần Hồng Hà đã hội kiến với Thủ tướng Ki-si-đa Phu-mi-ô (Kishida "
                 "Fumio) và tiếp Chủ tịch JICA Ta-na-ka A-ki-hi-cô (Tanaka Akihiko).")
    assert pairs(evs) == [("meeting", ("Ki-si-đa Phu-mi-ô", "Trần Hồng Hà")),
                          ("meeting", ("Ta-na-ka A-ki-hi-cô", "Trần Hồng Hà"))]
    # a verb with a subject of its own after the comma keeps it
    evs = events("Ngày 14/5, Phó Thủ tướng Trần Hồng Hà đã hội kiến với Thủ tướng Ki-si-đa Phu-mi-ô (Kishida "
                 "Fumio); Bộ trưởng Bùi Thanh Sơn tiếp Chủ tịch JICA Ta-na-ka A-ki-hi-cô (Tanaka Akihiko).")
    assert ("meeting", ("Bùi Thanh Sơn", "Ta-na-ka A-ki-hi-cô")) in pairs(evs)
    assert ("meeting", ("Ta-na-ka A-ki-hi-cô", "Trần Hồng Hà")) not in pairs(evs)


def test_thu_ky_is_a_secretary_not_a_signing():
    evs = events("Tháp tùng Thủ tướng có ngài Sok Chenda, Bộ trưởng bên cạnh Thủ tướng, Tổng thư ký Hội đồng "
                 "Phát triển Campuchia; ngài Prak Sokhonn, Bộ trưởng Bộ Ngoại giao.")
    assert evs == []
    evs = events("Ngày 14/5, Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn và Bộ trưởng Bộ Ngoại giao Campuchia Prak "
                 "Sokhonn đã ký Bản ghi nhớ về hợp tác lãnh sự.")
    assert pairs(evs) == [("signing", ("Bùi Thanh Sơn", "Prak Sokhonn"))]


def test_the_organisation_that_received_stands_for_the_person_titled_in_it():
    evs = events("Sáng 14/5, thừa ủy quyền của UBND tỉnh, Sở Ngoại vụ tiếp đoàn đại biểu tỉnh Gyeonggi, Hàn "
                 "Quốc, do ông Park Sung-min, Phó Chủ tịch Hội đồng tỉnh dẫn đầu. Ông Lê Văn Hải, Giám đốc Sở "
                 "Ngoại vụ giới thiệu tình hình kinh tế của tỉnh.")
    assert ("meeting", ("Lê Văn Hải", "Park Sung-min")) in pairs(evs)
    # two people titled in the organisation: which one received is not known
    evs = events("Sáng 14/5, Sở Ngoại vụ tiếp đoàn đại biểu tỉnh Gyeonggi, Hàn Quốc, do ông Park Sung-min, Phó "
                 "Chủ tịch Hội đồng tỉnh dẫn đầu. Ông Lê Văn Hải, Giám đốc Sở Ngoại vụ và bà Trần Thị Mai, Phó "
                 "Giám đốc Sở Ngoại vụ giới thiệu tình hình kinh tế của tỉnh.")
    assert pairs(evs, "meeting") == []


def test_the_day_of_a_meeting_during_a_trip_referred_to_does_not_date_the_trip():
    evs = events("Nhân chuyến thăm, sáng 14/5, Chủ tịch Ủy ban Thường vụ Nhân đại toàn quốc Trung Quốc Triệu Lạc "
                 "Tế đã hội đàm với Chủ tịch Quốc hội Trần Thanh Mẫn.")
    assert sorted((e.type, e.date) for e in evs) == [("talks", "2024-05-14"), ("visit", None)]
    # a trip reported with its own day keeps it
    evs = events("Sáng 14/5, Chủ tịch Ủy ban Thường vụ Nhân đại toàn quốc Trung Quốc Triệu Lạc Tế bắt đầu chuyến "
                 "thăm chính thức Việt Nam.")
    assert [(e.type, e.date) for e in evs] == [("visit", "2024-05-14")]


def test_the_host_of_a_welcome_after_a_reference_to_talks_is_not_the_traveller():
    evs = events("Ngày 14/5, Tổng thống Pháp Emmanuel Macron đã tiếp Tổng Bí thư Tô Lâm tại Paris. Trước khi hội "
                 "đàm, Tổng thống Macron chủ trì lễ đón trọng thể Tổng Bí thư Tô Lâm.")
    trips = [e for e in evs if e.type == "visit"]
    assert trips and all("Tô Lâm" in e.participants for e in trips)
    # "A tiếp B đang thăm ...": B is the traveller
    evs = events("Ngày 14/5, Tổng Bí thư Tô Lâm đã tiếp Tổng thống Pháp Emmanuel Macron đang thăm cấp Nhà nước "
                 "Việt Nam.")
    assert [e.participants for e in evs if e.type == "visit"] == [["Emmanuel Macron"]]


def test_a_letter_handed_over_at_a_meeting_takes_its_day():
    evs = events("Ngày 14/5, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Đại sứ Lào Khamphao Ernthavanh. Đại sứ đã "
                 "trao thư của Thủ tướng Lào Sonexay Siphandone gửi Thủ tướng Phạm Minh Chính.")
    assert sorted((e.type, e.date) for e in evs) == [("meeting", "2024-05-14"), ("message", "2024-05-14")]
    # a letter between people who were not at the meeting keeps no day of its own
    evs = events("Ngày 14/5, tại Hà Nội, Thủ tướng Phạm Minh Chính tiếp Đại sứ Lào Khamphao Ernthavanh. Trước đó, "
                 "Đại sứ Nguyễn Bá Hùng đã trao thư của Chủ tịch nước Tô Lâm tới Chủ tịch nước Lào Thongloun "
                 "Sisoulith.")
    assert [(e.type, e.date) for e in evs if e.type == "message"] in ([], [("message", None)])


def test_a_verb_coordinated_with_the_one_before_shares_its_subject():
    evs = events("Từ ngày 12 đến 14/5, Bộ trưởng Ngoại giao Ấn Độ Subrahmanyam Jaishankar thăm chính thức Việt Nam. "
                 "Trong chuyến thăm, ông Jaishankar đã hội đàm với Bộ trưởng Bùi Thanh Sơn và hội kiến Thủ tướng "
                 "Phạm Minh Chính.")
    assert pairs([e for e in evs if e.type != "visit"]) == [
        ("meeting", ("Phạm Minh Chính", "Subrahmanyam Jaishankar")),
        ("talks", ("Bùi Thanh Sơn", "Subrahmanyam Jaishankar"))]
    # a second verb with a subject of its own keeps it
    evs = events("Từ ngày 12 đến 14/5, Bộ trưởng Ngoại giao Ấn Độ Subrahmanyam Jaishankar thăm chính thức Việt Nam. "
                 "Trong chuyến thăm, ông Jaishankar đã hội đàm với Bộ trưởng Bùi Thanh Sơn; Phó Thủ tướng Trần "
                 "Hồng Hà tiếp Đại sứ Ấn Độ Sandeep Arya.")
    assert ("meeting", ("Sandeep Arya", "Trần Hồng Hà")) in pairs(evs)


def test_counterparts_described_by_title_and_country_are_the_people_named_so_later():
    text = ("Sáng 14/5, Chủ tịch nước Lương Cường tiếp các đại sứ Nhật Bản, Ba Lan trình Quốc thư tại Phủ Chủ tịch. "
            "Đại sứ Nhật Bản Ito Naoki cảm ơn Chủ tịch nước. Chủ tịch nước chúc mừng đại sứ Ba Lan Joanna Skoczek.")
    assert pairs(events(text)) == [("meeting", ("Ito Naoki", "Lương Cường")),
                                   ("meeting", ("Joanna Skoczek", "Lương Cường"))]
    assert {e.date for e in events(text)} == {"2024-05-14"}
    # nobody of that title and country named later: nobody met
    evs = events("Sáng 14/5, Chủ tịch nước Lương Cường tiếp các đại sứ Nhật Bản, Ba Lan trình Quốc thư tại Phủ "
                 "Chủ tịch. Bộ trưởng Ngoại giao Nhật Bản Kamikawa Yoko gửi lời chúc mừng.")
    assert pairs(evs, "meeting") == []


def test_ambassadors_of_the_countries_are_the_holders_of_that_title_named_later():
    text = ("Sáng 14/5, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường tiếp Đại sứ các nước đến trình Quốc thư. "
            "Đó là Đại sứ Hàn Quốc Choi Young Sam và Đại sứ Thụy Điển Johan Ndisi. Đại sứ Việt Nam tại Hàn Quốc "
            "Vũ Hồ cùng dự. Bộ trưởng Ngoại giao Hàn Quốc Cho Tae-yul gửi lời chúc mừng.")
    assert pairs(events(text)) == [("meeting", ("Choi Young Sam", "Lương Cường")),
                                   ("meeting", ("Johan Ndisi", "Lương Cường"))]
    # no country words after the title: nobody is guessed
    assert pairs(events(text.replace("Đại sứ các nước đến", "Đại sứ đến")), "meeting") == []


def test_a_reference_to_the_meeting_names_its_other_side():
    evs = events("Chiều 14/5, tân Tổng Lãnh sự Hàn Quốc tại Đà Nẵng Kim Jin-oh đến chào xã giao lãnh đạo HĐND "
                 "thành phố. Tại buổi tiếp, Chủ tịch HĐND thành phố Ngô Xuân Thắng chúc Tổng Lãnh sự Kim Jin-oh "
                 "có nhiệm kỳ công tác thành công.")
    assert [(e.type, e.date, sorted(e.participants)) for e in evs] == [
        ("meeting", "2024-05-14", ["Kim Jin-oh", "Ngô Xuân Thắng"])]
    # a later sentence that does not refer to the meeting names no participant
    evs = events("Chiều 14/5, tân Tổng Lãnh sự Hàn Quốc tại Đà Nẵng Kim Jin-oh đến chào xã giao lãnh đạo HĐND "
                 "thành phố. Theo kế hoạch, Chủ tịch HĐND thành phố Ngô Xuân Thắng sẽ dự lễ hội pháo hoa.")
    assert evs == []


def test_co_chairs_joined_across_an_untitled_list_of_titles():
    evs = events("Sáng 14/5, Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng và Ủy viên Trung ương Đảng Nhân dân cách mạnh "
                 "Lào, Bí thư, Tỉnh trưởng tỉnh Khăm Muộn Vông Phăn Xay Nha Vông chủ trì Hội nghị.")
    assert pairs(evs) == [("talks", ("Hoàng Trung Dũng", "Vông Phăn Xay Nha Vông"))]
    # a clause between the two names is no join
    evs = events("Sáng 14/5, Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng phát biểu khai mạc, sau đó Tỉnh trưởng tỉnh "
                 "Khăm Muộn Vông Phăn Xay Nha Vông chủ trì Hội nghị.")
    assert pairs(evs) == []


def test_a_delegation_inside_an_adverbial_is_not_the_subject():
    evs = events("Từ ngày 10 - 14/5, Đoàn đại biểu HĐND tỉnh Lào Cai do đồng chí Vũ Xuân Cường, Chủ tịch HĐND "
                 "tỉnh làm trưởng đoàn sang thăm và làm việc tại tỉnh Vân Nam (Trung Quốc). Nhân dịp đoàn sang "
                 "thăm, Thủ tướng tiếp Bí thư Tỉnh ủy Vân Nam Vương Ninh.")
    assert ("meeting", ("Vũ Xuân Cường", "Vương Ninh")) not in pairs(evs)
    # a delegation with commas in its name is still the subject
    evs = events("Từ ngày 10 - 14/5, Đoàn đại biểu tỉnh Lào Cai do đồng chí Vũ Xuân Cường, Chủ tịch HĐND tỉnh làm "
                 "trưởng đoàn sang thăm và làm việc tại tỉnh Vân Nam (Trung Quốc). Đoàn đại biểu Đảng, chính "
                 "quyền tỉnh Lào Cai đã hội đàm với đoàn Nhân đại tỉnh Vân Nam do đồng chí Vương Ninh, Bí thư "
                 "Tỉnh ủy Vân Nam dẫn đầu.")
    assert ("talks", ("Vũ Xuân Cường", "Vương Ninh")) in pairs(evs)


def test_a_posting_in_a_title_is_not_where_the_meeting_took_place():
    evs = events("Sáng 14/5, Bí thư Tỉnh ủy Quảng Ninh Vũ Đại Thắng tiếp Tổng Lãnh sự Trung Quốc tại Hải Phòng "
                 "Đổng Triều Huy.")
    assert [(e.type, e.place) for e in evs] == [("meeting", None)]
    evs = events("Sáng 14/5, tại Hà Nội, Bí thư Tỉnh ủy Quảng Ninh Vũ Đại Thắng tiếp Tổng Lãnh sự Trung Quốc tại "
                 "Hải Phòng Đổng Triều Huy.")
    assert [(e.type, e.place) for e in evs] == [("meeting", "Hà Nội")]


def test_a_city_of_the_places_list_is_a_place_not_a_person():
    evs = events("Sáng 14/5, tại Hạ Long, Bí thư Tỉnh ủy Quảng Ninh Vũ Đại Thắng tiếp Tổng Lãnh sự Trung Quốc "
                 "Đổng Triều Huy.")
    assert [(e.type, e.place, sorted(e.participants)) for e in evs] == [
        ("meeting", "Hạ Long", ["Vũ Đại Thắng", "Đổng Triều Huy"])]
    # a person named like no place is still a person
    evs = events("Sáng 14/5, tại Hạ Long, Bí thư Tỉnh ủy Quảng Ninh Vũ Đại Thắng tiếp ông Hạ Minh, Tổng Lãnh sự "
                 "Trung Quốc.")
    assert [sorted(e.participants) for e in evs] == [["Hạ Minh", "Vũ Đại Thắng"]]


def test_the_city_a_venue_is_in_is_the_place_and_locality_nouns_open_a_place():
    def place(where):
        evs = events(f"Chiều 14/5, {where}, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lý Cường.")
        return [e.place for e in evs]
    assert place("tại Đại lễ đường Nhân dân ở thủ đô Bắc Kinh") == ["Bắc Kinh"]
    assert place("tại thị trấn Hà Khẩu") == ["Hà Khẩu"]
    assert place("tại Hoàng cung Campuchia") == ["Hoàng cung Campuchia"]
    # "nước" before a country's name is not part of it; a trip goes to the country
    evs = events("Từ ngày 13 đến 15/5, Tổng Bí thư Nông Đức Mạnh thăm hữu nghị chính thức nước Cộng hòa Nhân dân "
                 "Trung Hoa.")
    assert [(e.type, e.place) for e in evs] == [("visit", "Cộng hòa Nhân dân Trung Hoa")]
    # a venue with no city, or in a country only, is the venue
    assert place("tại Đại lễ đường Nhân dân") == ["Đại lễ đường Nhân dân"]
    assert place("tại Trụ sở Chính phủ ở Việt Nam") == ["Trụ sở Chính phủ"]
    # a known name that opens with a generic word and goes on in lower case is kept whole;
    # "thủ đô" before a capitalised name is still dropped
    assert place("tại Khu tự trị dân tộc Choang Quảng Tây") == ["Khu tự trị dân tộc Choang Quảng Tây"]
    assert place("tại Thủ đô Bắc Kinh") == ["Bắc Kinh"]
    assert place("tại Điện Kremlin") == ["Điện Kremlin"]  # a venue of the table (venues.txt)


def test_a_meeting_on_a_trip_is_where_the_sentence_says_not_where_the_trip_went():
    evs = events("Trong khuôn khổ chuyến thăm và làm việc tại Khu tự trị dân tộc Choang Quảng Tây từ ngày 13 đến "
                 "15/5, chiều 14/5, tại thành phố Nam Ninh, Bí thư Tỉnh ủy Lào Cai Đặng Xuân Phong đã hội kiến "
                 "Bí thư Khu ủy Quảng Tây Trần Cương.")
    assert sorted((e.type, e.place) for e in evs) == [("meeting", "Nam Ninh"),
                                                     ("visit", "Khu tự trị dân tộc Choang Quảng Tây")]
    # no other place named: the meeting was where the trip went
    evs = events("Trong khuôn khổ chuyến thăm và làm việc tại Quảng Tây từ ngày 13 đến 15/5, chiều 14/5, "
                 "Bí thư Tỉnh ủy Lào Cai Đặng Xuân Phong đã hội kiến Bí thư Khu ủy Quảng Tây Trần Cương.")
    assert sorted((e.type, e.place) for e in evs) == [("meeting", "Quảng Tây"), ("visit", "Quảng Tây")]


def test_the_heads_of_two_delegations_are_the_sides_of_the_exchange():
    lead = ("Chiều 14/5, Hội thảo lý luận lần thứ 18 giữa Đảng Cộng sản Việt Nam và Đảng Cộng sản Trung Quốc "
            "đã được tổ chức theo hình thức trực tuyến. Đoàn đại biểu Đảng Cộng sản Việt Nam do đồng chí Lê Hoài "
            "Trung, Trưởng Ban Đối ngoại Trung ương làm Trưởng đoàn. ")
    evs = events(lead + "Đoàn đại biểu Đảng Cộng sản Trung Quốc do đồng chí Lý Thư Lỗi, Trưởng Ban Tuyên truyền "
                        "Trung ương Đảng Cộng sản Trung Quốc làm Trưởng đoàn.")
    assert [(e.type, e.date, sorted(e.participants)) for e in evs] == [
        ("video_call", "2024-05-14", ["Lê Hoài Trung", "Lý Thư Lỗi"])]
    # one delegation's head only: no exchange between named people
    evs = events(lead + "Dự hội thảo có đại diện các ban, ngành của hai nước.")
    assert evs == []


def test_a_plural_right_before_the_verb_is_both_sides_named_before_it():
    evs = events("Sáng 14/5, tại Phủ Chủ tịch, Thủ tướng Phạm Minh Chính chủ trì lễ đón chính thức Thủ tướng "
                 "Australia Anthony Albanese, sau đó hai Thủ tướng đã hội đàm. Chiều cùng ngày, ông Albanese "
                 "hội kiến Tổng Bí thư Nguyễn Phú Trọng.")
    talks = [e for e in evs if e.type == "talks"]
    assert [(e.date, sorted(e.participants)) for e in talks] == [("2024-05-14", ["Anthony Albanese", "Phạm Minh Chính"])]
    assert "both_as_subject" in talks[0].rules
    # "cùng ngày" now has a dated event to take its day from
    assert [(e.date, e.participants) for e in evs if e.type == "meeting"] == [
        ("2024-05-14", ["Anthony Albanese", "Nguyễn Phú Trọng"])]
    # people of one side only before the plural: no talks are made of them
    evs = events("Sáng 14/5, Thủ tướng Phạm Minh Chính và Phó Thủ tướng Trần Hồng Hà dự lễ khánh thành, "
                 "sau đó hai bên hội đàm.")
    assert [e for e in evs if e.type == "talks"] == []


def test_a_coordinated_verb_shares_the_subject_the_verb_before_got():
    text = ("Từ ngày 10 đến 14/5/2024, Đoàn đại biểu Ban Tuyên giáo Trung ương do đồng chí Nguyễn Trọng Nghĩa, "
            "Trưởng Ban Tuyên giáo Trung ương làm Trưởng đoàn đã thăm và làm việc tại Trung Quốc. Tại Bắc Kinh, "
            "Đoàn đã hội kiến đồng chí Thái Kỳ, Ủy viên Thường vụ Bộ Chính trị, Bí thư Ban Bí thư Trung ương "
            "Đảng Cộng sản Trung Quốc và hội đàm với đồng chí Lý Thư Lỗi, Trưởng Ban Tuyên truyền Trung ương "
            "Đảng Cộng sản Trung Quốc.")
    evs = events(text)
    assert ("talks", ("Lý Thư Lỗi", "Nguyễn Trọng Nghĩa")) in pairs(evs)
    assert ("meeting", ("Nguyễn Trọng Nghĩa", "Thái Kỳ")) in pairs(evs)
    assert "shared_subject" in next(e for e in evs if e.type == "talks").rules
    # a verb with a subject of its own keeps it
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính hội kiến Chủ tịch Tập Cận Bình, còn Phó Thủ tướng "
                 "Trần Hồng Hà hội đàm với Phó Thủ tướng Quốc vụ viện Trung Quốc Đinh Tiết Tường.")
    assert ("talks", ("Trần Hồng Hà", "Đinh Tiết Tường")) in pairs(evs)


def test_the_one_received_at_home_is_the_host_of_the_trip_not_its_visitor():
    evs = events("Sáng 14/5, tại Seoul, Thủ tướng Phạm Minh Chính đã hội kiến Tổng thống Hàn Quốc Yoon Suk Yeol "
                 "trong khuôn khổ chuyến thăm chính thức Hàn Quốc từ ngày 13 đến 15/5.")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.participants[0] == "Phạm Minh Chính" and visit.roles.get("Phạm Minh Chính") == "visitor"
    assert visit.roles.get("Yoon Suk Yeol") != "visitor"
    # a guest from abroad received during his own trip is still the visitor
    evs = events("Sáng 14/5, tại Hà Nội, Thủ tướng Phạm Minh Chính đã tiếp Bộ trưởng Thương mại Hoa Kỳ "
                 "Gina Raimondo đang thăm Việt Nam.")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.participants == ["Gina Raimondo"]


def test_a_sender_who_also_sent_writes_to_the_recipient_of_the_series():
    evs = events("Nhân dịp ông Lee Jae-myung nhậm chức Tổng thống Hàn Quốc, ngày 14/5, Tổng Bí thư Tô Lâm đã gửi "
                 "điện mừng Tổng thống Lee Jae-myung. Cùng ngày, Thủ tướng Phạm Minh Chính cũng gửi điện mừng.")
    assert pairs(evs, "message") == [("message", ("Lee Jae-myung", "Phạm Minh Chính")),
                                      ("message", ("Lee Jae-myung", "Tô Lâm"))]
    # without "cũng" the sentence names no recipient of its own: nothing is made
    evs = events("Nhân dịp ông Lee Jae-myung nhậm chức Tổng thống Hàn Quốc, ngày 14/5, Tổng Bí thư Tô Lâm đã gửi "
                 "điện mừng Tổng thống Lee Jae-myung. Cùng ngày, Thủ tướng Phạm Minh Chính gửi điện mừng nhân dân.")
    assert pairs(evs, "message") == [("message", ("Lee Jae-myung", "Tô Lâm"))]


def test_a_message_that_also_was_sent_takes_the_day_of_the_message_before():
    text = ("Ngày 14/5, Tổng Bí thư Tô Lâm đã gửi điện chia buồn tới Chủ tịch nước Trung Quốc Tập Cận Bình "
            "về thiệt hại do động đất. Bộ trưởng Ngoại giao Bùi Thanh Sơn cũng gửi điện thăm hỏi tới "
            "Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.")
    evs = events(text)
    assert sorted((tuple(sorted(e.participants)), e.date) for e in evs) == [
        (("Bùi Thanh Sơn", "Vương Nghị"), "2024-05-14"), (("Tô Lâm", "Tập Cận Bình"), "2024-05-14")]
    assert "series_day" in next(e for e in evs if "Vương Nghị" in e.participants).rules
    # without "cũng" the second message may be of another day: it keeps none
    evs = events(text.replace(" cũng gửi", " gửi"))
    assert {e.date for e in evs if "Vương Nghị" in e.participants} == {None}


def test_a_trip_the_headline_names_and_the_body_plans_is_not_reported():
    head = "15/05/2024 10:00\nThông cáo báo chí về chuyến thăm Việt Nam của Bộ trưởng Ngoại giao Trung Quốc Vương Nghị\n"
    evs = events("Nhận lời mời của Bộ trưởng Ngoại giao Bùi Thanh Sơn, Bộ trưởng Ngoại giao Trung Quốc Vương Nghị "
                 "sẽ thăm chính thức Việt Nam từ ngày 17 đến 19/5/2024.", header=head)
    assert evs == []
    # the body reports the trip as under way: the headline's trip stays
    evs = events("Bộ trưởng Ngoại giao Trung Quốc Vương Nghị đang thăm chính thức Việt Nam từ ngày 13 đến "
                 "15/5/2024 theo lời mời của Bộ trưởng Ngoại giao Bùi Thanh Sơn.", header=head)
    assert [(e.type, e.date) for e in evs] == [("visit", "2024-05-13")]
    # a planned trip of someone else leaves the headline's trip alone
    evs = events("Bộ trưởng Ngoại giao Trung Quốc Vương Nghị đang thăm chính thức Việt Nam từ ngày 13 đến 15/5/2024. "
                 "Thủ tướng Lào Sonexay Siphandone sẽ thăm Việt Nam vào tháng 6.", header=head)
    assert [(e.type, e.participants) for e in evs] == [("visit", ["Vương Nghị"])]


def test_a_meeting_on_the_sidelines_of_the_session_just_reported_takes_its_day():
    text = ("Ngày 14/5, tại Bắc Kinh, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên và Bộ trưởng Bộ Thương mại "
            "Trung Quốc Vương Văn Đào đồng chủ trì Phiên họp lần thứ 14 Ủy ban Hợp tác kinh tế thương mại. "
            "Bên lề Phiên họp, Bộ trưởng Nguyễn Hồng Diên đã gặp Bí thư Thành ủy Bắc Kinh Doãn Lực.")
    evs = events(text)
    assert [e.date for e in evs if "Doãn Lực" in e.participants] == ["2024-05-14"]
    # the occasion is a ceremony, no event of its own, that an earlier sentence dates
    evs = events("Ngày 9/5, tại Moskva, Chủ tịch nước Lương Cường dự Lễ duyệt binh kỷ niệm 80 năm Chiến thắng. "
                 "Bên lề Lễ kỷ niệm, Chủ tịch nước Lương Cường đã gặp Tổng thống Belarus Aleksandr Lukashenko.")
    assert [(e.type, e.date) for e in evs] == [("meeting", "2024-05-09")]
    # on the sidelines of a conference (a meeting of many days, not an event of the article): no day
    evs = events("Bên lề Hội nghị Bộ trưởng Ngoại giao ASEAN tại Viêng Chăn, Bộ trưởng Ngoại giao Bùi Thanh Sơn "
                 "đã gặp Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.")
    assert [e.date for e in evs] == [None]


def test_the_guest_received_during_a_welcomed_trip_is_its_visitor():
    evs = events("Chiều 14/5, tại Trụ sở Chính phủ, ngay sau lễ đón chính thức, Thủ tướng Phạm Minh Chính đã "
                 "hội đàm với Thủ tướng Nhật Bản Kishida Fumio đang thăm chính thức Việt Nam từ ngày 13 đến 15/5.")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.participants[0] == "Kishida Fumio" and visit.roles.get("Kishida Fumio") == "visitor"
    assert (visit.date, visit.end_date) == ("2024-05-13", "2024-05-15")
    # the guest of the country visited is its host, not a visitor
    evs = events("Chiều 14/5, tại Tokyo, ngay sau lễ đón chính thức, Thủ tướng Nhật Bản Kishida Fumio đã hội đàm "
                 "với Thủ tướng Phạm Minh Chính đang thăm chính thức Nhật Bản từ ngày 13 đến 15/5.")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.roles.get("Phạm Minh Chính") == "visitor" and visit.roles.get("Kishida Fumio") != "visitor"


def test_a_headline_meeting_is_the_talks_the_body_reports():
    head = "15/05/2024 10:00\nChủ tịch Quốc hội Trần Thanh Mẫn tiếp Chủ tịch Quốc hội Hàn Quốc\n"
    evs = events("Sáng 14/5, tại Nhà Quốc hội, Chủ tịch Quốc hội Trần Thanh Mẫn đã hội đàm với Chủ tịch Quốc hội "
                 "Hàn Quốc Woo Won-shik.", header=head)
    assert [(e.type, e.date) for e in evs] == [("talks", "2024-05-14")]
    # a dated meeting beside dated talks: two events
    evs = events("Sáng 14/5, Chủ tịch Quốc hội Trần Thanh Mẫn đã hội đàm với Chủ tịch Quốc hội Hàn Quốc Woo Won-shik. "
                 "Sáng 15/5, Chủ tịch Quốc hội Trần Thanh Mẫn tiếp Chủ tịch Quốc hội Woo Won-shik tại Đà Nẵng.")
    assert sorted((e.type, e.date) for e in evs) == [("meeting", "2024-05-15"), ("talks", "2024-05-14")]


def test_a_courtesy_call_written_chao_and_an_exchange_of_letters():
    evs = events("Ngày 14/5, tại Hà Nội, Phó Thủ tướng Quốc vụ viện Trung Quốc Trương Quốc Thanh đã lần lượt chào "
                 "Tổng Bí thư Tô Lâm và hội kiến Thủ tướng Phạm Minh Chính.")
    assert pairs(evs) == [("meeting", ("Phạm Minh Chính", "Trương Quốc Thanh")),
                          ("meeting", ("Trương Quốc Thanh", "Tô Lâm"))]
    # "chào mừng", "lời chào": no courtesy call
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính nhiệt liệt chào mừng Thủ tướng Lý Cường thăm Việt Nam "
                 "và gửi lời chào tới Chủ tịch nước Tập Cận Bình.")
    assert [e.type for e in evs if e.type == "meeting"] == []
    evs = events("Ngày 14/5, nhân dịp năm mới, Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Trung Quốc "
                 "Tập Cận Bình đã trao đổi thư chúc mừng.")
    assert pairs(evs) == [("message", ("Tô Lâm", "Tập Cận Bình"))] and evs[0].date == "2024-05-14"


def test_documents_exchanged_in_the_presence_of_two_leaders_are_their_signing():
    evs = events("Chiều 14/5, tại Singapore, dưới sự chứng kiến của Tổng Bí thư Tô Lâm và Thủ tướng Singapore "
                 "Lawrence Wong, đại diện các bộ, ngành hai nước đã trao 12 văn kiện hợp tác, trong đó có Bản ghi nhớ "
                 "về hợp tác trong lĩnh vực an ninh mạng.")
    assert [(e.type, e.date, tuple(e.participants)) for e in evs] == [
        ("signing", "2024-05-14", ("Tô Lâm", "Lawrence Wong"))]
    # witnessed, but no document: no signing
    assert events("Chiều 14/5, tại Singapore, dưới sự chứng kiến của Tổng Bí thư Tô Lâm và Thủ tướng Singapore "
                  "Lawrence Wong, hai bên đã khởi công nhà máy điện mặt trời.") == []


def test_documents_exchanged_at_the_end_of_the_talks_are_the_leaders_signing():
    evs = events("Chiều 14/5, tại Hà Nội, Tổng Bí thư Tô Lâm đã hội đàm với Tổng Bí thư, Chủ tịch nước Trung Quốc "
                 "Tập Cận Bình. Kết thúc hội đàm, hai nhà lãnh đạo đã cùng chứng kiến lễ trao đổi 45 văn kiện hợp tác.")
    assert sorted((e.type, set(e.participants)) for e in evs) == [
        ("signing", {"Tô Lâm", "Tập Cận Bình"}), ("talks", {"Tô Lâm", "Tập Cận Bình"})]
    assert {e.date for e in evs} == {"2024-05-14"}
    # no talks reported before: nothing to take the people from
    assert events("Kết thúc hội đàm, hai nhà lãnh đạo đã cùng chứng kiến lễ trao đổi 45 văn kiện hợp tác.") == []


def test_talks_within_a_programme_of_several_days_take_no_one_day():
    evs = events("Từ ngày 6 đến 7/5, tại tỉnh Lạng Sơn, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng Việt Nam và "
                 "Thượng tướng Đổng Quân, Bộ trưởng Bộ Quốc phòng Trung Quốc đồng chủ trì Giao lưu hữu nghị Quốc phòng "
                 "biên giới. Trong khuôn khổ chương trình, hai Bộ trưởng đã hội đàm tại Sùng Tả.")
    assert sorted((e.date or "", e.end_date or "") for e in evs) == [("", ""), ("2024-05-06", "2024-05-07")]
    # one day: the talks within it take it
    evs = events("Ngày 6/5, tại tỉnh Lạng Sơn, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng Việt Nam và "
                 "Thượng tướng Đổng Quân, Bộ trưởng Bộ Quốc phòng Trung Quốc đồng chủ trì Giao lưu hữu nghị Quốc phòng "
                 "biên giới. Trong khuôn khổ chương trình, hai Bộ trưởng đã hội đàm tại Sùng Tả.")
    assert {e.date for e in evs} == {"2024-05-06"}


def test_a_headline_talks_is_the_session_the_body_reports_and_two_deputies_witness_its_signing():
    text = ("Phó Thủ tướng Trần Hồng Hà hội đàm với Phó Thủ tướng Trung Quốc Trương Quốc Thanh\n"
            "15/05/2024 10:00\n"
            "Chiều 14/5, tại Hà Nội, Phó Thủ tướng Chính phủ Trần Hồng Hà và Phó Thủ tướng Quốc vụ viện Trung Quốc "
            "Trương Quốc Thanh đã đồng chủ trì Phiên họp lần thứ nhất Ủy ban Hợp tác đường sắt Việt Nam - Trung Quốc. "
            "Sau phiên họp, hai Phó Thủ tướng đã chứng kiến lễ ký kết Hiệp định hợp tác kỹ thuật tuyến đường sắt "
            "Lào Cai - Hà Nội - Hải Phòng.")
    evs = events(text, header="")
    assert [(e.type, e.date) for e in evs] == [("talks", "2024-05-14"), ("signing", "2024-05-14")]
    # talks in the body and a session the same day stay two events
    text = ("Phó Thủ tướng Trần Hồng Hà hội đàm với Phó Thủ tướng Trung Quốc Trương Quốc Thanh\n"
            "15/05/2024 10:00\n"
            "Sáng 14/5, tại Hà Nội, Phó Thủ tướng Trần Hồng Hà đã hội đàm với Phó Thủ tướng Quốc vụ viện Trung "
            "Quốc Trương Quốc Thanh. Chiều cùng ngày, hai Phó Thủ tướng đồng chủ trì Phiên họp lần thứ nhất Ủy ban "
            "Hợp tác đường sắt Việt Nam - Trung Quốc.")
    assert [e.type for e in events(text, header="")] == ["talks", "talks"]


def test_verbs_listed_with_commas_share_the_first_subject():
    evs = events("Từ ngày 13 đến 15/5, Chủ tịch Quốc hội Trần Thanh Mẫn thăm chính thức Trung Quốc. Trong chuyến "
                 "thăm, Chủ tịch Quốc hội Trần Thanh Mẫn đã hội đàm với Ủy viên trưởng Triệu Lạc Tế, hội kiến "
                 "Tổng Bí thư, Chủ tịch nước Tập Cận Bình và gặp Thủ tướng Quốc vụ viện Lý Cường.")
    got = pairs([e for e in evs if e.type != "visit"])
    assert got == [("meeting", ("Lý Cường", "Trần Thanh Mẫn")), ("meeting", ("Trần Thanh Mẫn", "Tập Cận Bình")),
                   ("talks", ("Triệu Lạc Tế", "Trần Thanh Mẫn"))]
    # a subject of its own after the comma is that verb's
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính hội kiến Tổng thống Lào Thongloun Sisoulith, còn Phó Thủ "
                 "tướng Trần Hồng Hà hội đàm với Phó Thủ tướng Lào Saleumxay Kommasith.")
    assert ("talks", ("Saleumxay Kommasith", "Trần Hồng Hà")) in pairs(evs)


def test_a_bare_title_names_who_was_given_exactly_that_title():
    evs = events("Tối 14/5, tại Vientiane, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Vương quốc Campuchia Hun "
                 "Manet. Cùng ngày, Thủ tướng cũng có cuộc gặp với Thủ tướng Thái Lan Paetongtarn Shinawatra.")
    assert pairs(evs) == [("meeting", ("Hun Manet", "Phạm Minh Chính")),
                          ("meeting", ("Paetongtarn Shinawatra", "Phạm Minh Chính"))]
    # no one given exactly the bare title: the last one whose title begins with it
    evs = events("Ngày 14/5, Tổng thống Hàn Quốc Yoon Suk Yeol tiếp Bộ trưởng Bùi Thanh Sơn. Ngày 15/5, Tổng "
                 "thống đã gặp Chủ tịch Quốc hội Trần Thanh Mẫn.")
    assert ("meeting", ("Trần Thanh Mẫn", "Yoon Suk Yeol")) in pairs(evs)


def test_talks_before_the_session_are_on_its_day():
    evs = events("Ngày 14/5, tại Bắc Kinh, Phó Thủ tướng Bùi Thanh Sơn và Bộ trưởng Ngoại giao Trung Quốc Vương Nghị "
                 "đã đồng chủ trì Phiên họp lần thứ 17 Ủy ban Chỉ đạo hợp tác song phương Việt Nam - Trung Quốc. "
                 "Trước phiên họp, hai Trưởng ban đã có cuộc hội đàm.")
    assert [(e.type, e.date) for e in evs] == [("talks", "2024-05-14"), ("talks", "2024-05-14")]
    # "Trước đó" alone says no day
    evs = events("Ngày 14/5, tại Bắc Kinh, Phó Thủ tướng Bùi Thanh Sơn hội kiến Phó Chủ tịch nước Trung Quốc "
                 "Hàn Chính. Trước đó, Phó Thủ tướng Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao Vương Nghị.")
    assert [(e.type, e.date) for e in evs] == [("meeting", "2024-05-14"), ("talks", None)]


def test_a_coordinated_verb_keeps_both_subjects_of_the_verb_before():
    evs = events("Sáng 14/5, Thủ tướng Phạm Minh Chính và Thủ tướng Singapore Lawrence Wong đã hội đàm, sau đó "
                 "cùng chứng kiến lễ trao các văn kiện hợp tác.")
    assert pairs(evs) == [("signing", ("Lawrence Wong", "Phạm Minh Chính")), ("talks", ("Lawrence Wong", "Phạm Minh Chính"))]
    # a later verb with a subject of its own is not coordinated
    evs = events("Sáng 14/5, Thủ tướng Phạm Minh Chính và Thủ tướng Singapore Lawrence Wong đã hội đàm; Phó Thủ "
                 "tướng Trần Hồng Hà tiếp Bộ trưởng Ngoại giao Singapore Vivian Balakrishnan.")
    assert ("meeting", ("Trần Hồng Hà", "Vivian Balakrishnan")) in pairs(evs)


def test_counterparts_end_where_the_occasion_of_the_talks_begins():
    evs = events("Chiều 14/5, tại Hà Nội, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên hội đàm với Bộ trưởng Bộ Thương "
                 "mại Trung Quốc Vương Văn Đào nhân dịp Bộ trưởng Vương Văn Đào tháp tùng Tổng Bí thư, Chủ tịch "
                 "nước Trung Quốc Tập Cận Bình thăm cấp Nhà nước Việt Nam.")
    assert pairs(evs, "talks") == [("talks", ("Nguyễn Hồng Diên", "Vương Văn Đào"))]
    # "tiếp B đang tháp tùng C thăm ...": C was not received
    evs = events("Sáng 14/5, Thủ tướng Phạm Minh Chính đã tiếp Bộ trưởng Ngoại giao Trung Quốc Vương Nghị đang tháp "
                 "tùng Tổng Bí thư, Chủ tịch nước Tập Cận Bình thăm cấp nhà nước Việt Nam.")
    assert pairs(evs, "meeting") == [("meeting", ("Phạm Minh Chính", "Vương Nghị"))]
    # a visit's host named after "theo lời mời" is still the visit's
    evs = events("Từ ngày 13 đến 15/5, Chủ tịch nước Lương Cường thăm cấp Nhà nước Chile theo lời mời của Tổng "
                 "thống Chile Gabriel Boric Font.")
    assert pairs(evs, "visit") == [("visit", ("Gabriel Boric Font", "Lương Cường"))]


def test_presenting_credentials_is_a_meeting_and_the_results_of_a_visit_are_background():
    evs = events("Ngày 14/5, tại Bắc Kinh, Đại sứ Phạm Thanh Bình đã trình Quốc thư lên Chủ tịch nước Cộng hòa "
                 "Nhân dân Trung Hoa Tập Cận Bình.")
    assert pairs(evs) == [("meeting", ("Phạm Thanh Bình", "Tập Cận Bình"))]
    evs = events("Chiều 14/5, đồng chí Lê Hoài Trung, Trưởng Ban Đối ngoại Trung ương đã hội đàm trực tuyến với "
                 "đồng chí Lưu Kiến Siêu, Trưởng Ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản Trung Quốc. Hai bên "
                 "đánh giá cao kết quả chuyến thăm Việt Nam của Tổng Bí thư, Chủ tịch nước Tập Cận Bình tháng 12/2023.")
    assert [e.type for e in evs] == ["video_call"]


def test_events_a_year_alone_dates_after_the_lead_are_recalled():
    text = ("Tối 14/5, Chủ tịch nước Lương Cường đã điện đàm với Tổng thống Liên bang Nga Vladimir Putin. Tổng thống "
            "Putin chúc mừng những thành tựu của Việt Nam. Trong năm 2023, Tổng thống Putin đã thăm cấp Nhà nước Việt "
            "Nam và Tổng Bí thư Nguyễn Phú Trọng đã điện đàm với Tổng thống Putin.")
    header = "Chủ tịch nước Lương Cường điện đàm với Tổng thống Nga Vladimir Putin\n" + HEADER
    assert pairs(events(text, header)) == [("phone_call", ("Lương Cường", "Vladimir Putin"))]
    # a year at the end of a phrase, not opening the sentence, dates nothing away
    text = ("Ngày 14/5, Chủ tịch Quốc hội Trần Thanh Mẫn chủ trì lễ đón Chủ tịch Quốc hội Lào Saysomphone Phomvihane "
            "thăm chính thức Việt Nam. Chuyến thăm là chuyến thăm cấp cao nhất của Lào trong năm 2024, sau đó hai "
            "Chủ tịch Quốc hội hội đàm.")
    assert ("talks", ("Saysomphone Phomvihane", "Trần Thanh Mẫn")) in pairs(events(text))


def test_counterparts_of_two_other_countries_are_met_one_country_at_a_time():
    evs = events("Chiều 14/5, tại Kuala Lumpur, Bộ trưởng Ngoại giao Lê Hoài Trung hội đàm với Ngoại trưởng Hoa Kỳ "
                 "Marco Rubio. Cũng trong ngày, Bộ trưởng Lê Hoài Trung có cuộc gặp với Bộ trưởng Ngoại giao Nhật "
                 "Bản Motegi Toshimitsu và Ngoại trưởng Australia Penny Wong.")
    assert [(e.type, e.date, e.participants) for e in evs if e.type == "meeting"] == [
        ("meeting", "2024-05-14", ["Lê Hoài Trung", "Motegi Toshimitsu"]),
        ("meeting", "2024-05-14", ["Lê Hoài Trung", "Penny Wong"])]
    # a meeting of three sides says so, and stays one (a multilateral session: no bilateral event)
    evs = events("Ngày 14/5, Bộ trưởng Lê Hoài Trung có cuộc gặp ba bên với Bộ trưởng Ngoại giao Nhật Bản Motegi "
                 "Toshimitsu và Ngoại trưởng Australia Penny Wong.")
    assert [e for e in evs if e.type == "meeting"] == []


def test_a_congratulation_with_no_recipient_goes_to_whom_the_occasion_names():
    evs = events("Nhân dịp ông Vladimir Putin tuyên thệ nhậm chức Tổng thống Liên bang Nga, ngày 7/5/2024, Chủ tịch "
                 "nước Võ Văn Thưởng đã gửi điện mừng.")
    assert pairs(evs) == [("message", ("Vladimir Putin", "Võ Văn Thưởng"))]
    # no occasion clause: nobody to send it to
    evs = events("Ngày 7/5/2024, ông Vladimir Putin tuyên thệ nhậm chức Tổng thống Liên bang Nga. Chủ tịch nước "
                 "Võ Văn Thưởng đã gửi điện mừng.")
    assert pairs(evs) == []


def test_cung_ngay_with_no_event_dated_yet_takes_the_last_day_named():
    evs = events("Ngày 13/5, tại Jakarta, Phó Chủ tịch nước Võ Thị Ánh Xuân đã dự lễ nhậm chức của Tổng thống "
                 "Indonesia Prabowo Subianto. Cùng ngày, Phó Chủ tịch nước đã gặp Phó Tổng thống Indonesia Gibran "
                 "Rakabuming Raka.")
    assert [(e.type, e.date) for e in evs] == [("meeting", "2024-05-13")]
    # a trip's range is not the day: "Cùng ngày" after it names no day
    evs = events("Từ ngày 13 đến 16/5, Chủ tịch Quốc hội Trần Thanh Mẫn thăm chính thức Lào. Trong chuyến thăm, "
                 "Chủ tịch Quốc hội đã hội kiến Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith. Cùng ngày, Chủ "
                 "tịch Quốc hội hội đàm với Chủ tịch Quốc hội Lào Saysomphone Phomvihane.")
    assert ("talks", None) in [(e.type, e.date) for e in evs]


def test_messages_right_after_one_sent_on_a_named_occasion_take_its_day():
    text = ("Nhân dịp kỷ niệm 75 năm Quốc khánh nước Cộng hòa Nhân dân Trung Hoa, ngày 14/5, Tổng Bí thư Tô Lâm "
            "đã gửi điện mừng Tổng Bí thư, Chủ tịch nước Trung Quốc Tập Cận Bình. Thủ tướng Phạm Minh Chính gửi "
            "điện mừng Thủ tướng Quốc vụ viện Trung Quốc Lý Cường.")
    evs = events(text)
    assert sorted((tuple(sorted(e.participants)), e.date) for e in evs) == [
        (("Lý Cường", "Phạm Minh Chính"), "2024-05-14"), (("Tô Lâm", "Tập Cận Bình"), "2024-05-14")]
    assert "series_day" in next(e for e in evs if "Lý Cường" in e.participants).rules
    # a message after one with no occasion named may be of another day
    evs = events(text.replace("Nhân dịp kỷ niệm 75 năm Quốc khánh nước Cộng hòa Nhân dân Trung Hoa, ngày", "Ngày"))
    assert {e.date for e in evs if "Lý Cường" in e.participants} == {None}
    # nor does the occasion reach a message three sentences on
    evs = events(text.replace(" Thủ tướng Phạm Minh Chính gửi", " Hai bên có quan hệ lâu đời. Quan hệ phát triển tốt. "
                              "Hợp tác ngày càng sâu rộng. Thủ tướng Phạm Minh Chính gửi"))
    assert {e.date for e in evs if "Lý Cường" in e.participants} <= {None}


def test_an_event_after_the_lead_dated_only_by_an_opening_year_or_month_is_recalled():
    # no publication date (a page of milestones): no "long before publication" to drop them
    lead = ("Ngày 14/5/2024, tại Hà Nội, Phó Thủ tướng Bùi Thanh Sơn đã tiếp Đại sứ Trung Quốc Hà Vĩ. "
            "Hai bên trao đổi về hợp tác kinh tế. Hai bên nhất trí thúc đẩy giao lưu nhân dân. ")
    for opener in ("Tháng 12/2023, ", "Trong tháng 12/2023, ", "Năm 2023, "):
        evs = events(lead + opener + "Tổng Bí thư, Chủ tịch nước Tập Cận Bình thăm cấp nhà nước Việt Nam.", header="")
        assert pairs(evs) == [("meeting", ("Bùi Thanh Sơn", "Hà Vĩ"))], opener
    # the same sentence as the lead is the news, dated by its month
    evs = events("Tháng 12/2023, Tổng Bí thư, Chủ tịch nước Tập Cận Bình thăm cấp nhà nước Việt Nam.", header="")
    assert [(e.type, e.date) for e in evs] == [("visit", "2023-12")]


def test_a_trip_is_to_the_country_its_report_names_not_the_city_of_its_welcome():
    welcome = ("Chiều 10/7, tại Phủ Chủ tịch ở Thủ đô Viêng Chăn, ngay sau lễ đón chính thức, Tổng Bí thư Tô Lâm "
               "đã hội đàm với Tổng Bí thư, Chủ tịch nước Lào Thongloun Sisoulith. ")
    evs = events(welcome + "Tổng Bí thư Tô Lâm thăm chính thức Lào từ ngày 10 đến 11/7.")
    # the talks were in the city the hall is in; the trip went to the country
    assert sorted((e.type, e.place) for e in evs) == [("talks", "Viêng Chăn"), ("visit", "Lào")]


def test_the_head_of_a_delegation_after_a_long_chain_of_titles_is_its_visitor():
    text = ("Ngày 14/5, tại Nhà Quốc hội, Phó Chủ tịch Quốc hội Nguyễn Thị Thanh đã tiếp Đoàn đại biểu Hội Liên hiệp "
            "Phụ nữ Toàn Trung Quốc do bà Hoàng Hiểu Vi, Phó Chủ tịch Ủy ban Thường vụ Nhân đại Toàn quốc, Chủ tịch "
            "Hội Liên hiệp Phụ nữ Toàn Trung Quốc dẫn đầu. Đoàn đang có chuyến thăm hữu nghị Việt Nam từ ngày "
            "13 - 16/5/2024.")
    visits = [(e.participants, e.date, e.end_date) for e in events(text) if e.type == "visit"]
    assert visits == [(["Hoàng Hiểu Vi"], "2024-05-13", "2024-05-16")]
    # a chain that ends in something else: she does not lead the delegation
    from ngoaigiao.extract.event_rules import _delegation_heads
    art = process(HEADER + text, "t")
    assert [m.name for m in _delegation_heads(art)] == ["Hoàng Hiểu Vi"]
    art = process(HEADER + text.replace("Trung Quốc dẫn đầu.", "Trung Quốc phát biểu."), "t")
    assert _delegation_heads(art) == []


def test_an_event_on_the_nth_working_day_of_a_dated_trip():
    lead = ("Từ ngày 22 đến 24/4, Đoàn đại biểu tỉnh Quảng Ninh do đồng chí Vũ Đại Thắng, Bí thư Tỉnh ủy làm Trưởng "
            "đoàn đã thăm và làm việc tại Quảng Tây (Trung Quốc). ")
    evs = events(lead + "Ngày làm việc thứ hai, Đoàn đã hội đàm với đồng chí Lam Thiên Lập, Chủ tịch Chính quyền "
                        "Khu tự trị Quảng Tây.", header="25/04/2024 10:00\n\n")
    assert [(e.type, e.date) for e in evs if e.type == "talks"] == [("talks", "2024-04-23")]
    # beyond the trip's last day: no day is guessed
    evs = events(lead + "Ngày làm việc thứ năm, Đoàn đã hội đàm với đồng chí Lam Thiên Lập, Chủ tịch Chính quyền "
                        "Khu tự trị Quảng Tây.", header="25/04/2024 10:00\n\n")
    assert [(e.type, e.date) for e in evs if e.type == "talks"] == [("talks", None)]


def test_an_earlier_leg_of_a_delegation_with_no_head_named_is_the_trip_of_the_one_from_abroad():
    text = ("Ngày 14/5, tại Bắc Kinh, Phó Chủ tịch Quốc hội Trần Quang Phương đã hội kiến bà Thẩm Dược Dược, Phó "
            "Chủ tịch Ủy ban Thường vụ Nhân đại Toàn quốc Trung Quốc. Trước đó, đoàn đã tới thăm và làm việc tại "
            "tỉnh Vân Nam.")
    assert [(e.type, e.participants, e.place) for e in events(text) if e.type == "visit"] == [
        ("visit", ["Trần Quang Phương"], "Vân Nam")]
    # a trip whose subject is not the delegation ("Nhân dịp đoàn sang thăm, ...") names nobody
    text = ("Ngày 14/5, tại Bắc Kinh, Phó Chủ tịch Quốc hội Trần Quang Phương đã hội kiến bà Thẩm Dược Dược, Phó "
            "Chủ tịch Ủy ban Thường vụ Nhân đại Toàn quốc Trung Quốc. Hai bên nhất trí rằng các chuyến thăm "
            "tỉnh Vân Nam đều hữu ích.")
    assert [e for e in events(text) if e.type == "visit"] == []


def test_accepting_an_invitation_to_visit_is_not_the_visit_but_coming_at_an_invitation_is():
    evs = events("Ngày 14/5, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Sonexay Siphandone. "
                 "Thủ tướng Phạm Minh Chính nhận lời mời thăm Lào vào thời gian thích hợp.")
    assert [e.type for e in evs] == ["talks"]
    evs = events("Nhận lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Lào Sonexay Siphandone thăm chính thức "
                 "Việt Nam từ ngày 13 đến 15/5.")
    assert [(e.type, e.date) for e in evs] == [("visit", "2024-05-13")]


def test_a_message_of_a_series_on_someones_occasion_with_no_recipient_goes_to_them():
    text = ("Nhân dịp ông Lee Jae-myung nhậm chức Tổng thống Hàn Quốc, ngày 14/5, Tổng Bí thư Tô Lâm đã gửi "
            "điện mừng. Cùng ngày, Chủ tịch nước Lương Cường gửi điện mừng Tổng thống Lee Jae-myung; "
            "Thủ tướng Phạm Minh Chính gửi thư chúc mừng.")
    assert pairs(events(text), "message") == [("message", ("Lee Jae-myung", "Lương Cường")),
                                              ("message", ("Lee Jae-myung", "Phạm Minh Chính")),
                                              ("message", ("Lee Jae-myung", "Tô Lâm"))]
    # a series on no one's occasion: the last sender's addressee is not named
    text = ("Ngày 14/5, Chủ tịch nước Lương Cường gửi điện mừng Tổng thống Hàn Quốc Lee Jae-myung; "
            "Thủ tướng Phạm Minh Chính gửi thư chúc mừng.")
    assert pairs(events(text), "message") == [("message", ("Lee Jae-myung", "Lương Cường"))]
    # the clause names an addressee of its own, not a person
    text = ("Nhân dịp ông Lee Jae-myung nhậm chức Tổng thống Hàn Quốc, ngày 14/5, Tổng Bí thư Tô Lâm đã gửi "
            "điện mừng. Thủ tướng Phạm Minh Chính gửi thư chúc mừng nhân dân Hàn Quốc.")
    assert pairs(events(text), "message") == [("message", ("Lee Jae-myung", "Tô Lâm"))]


def test_who_presided_over_the_welcome_of_a_visitor_is_the_trips_host():
    text = ("Chiều 14/5, tại Hà Nội, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng đã hội đàm với "
            "Thượng tướng Đổng Quân, Bộ trưởng Bộ Quốc phòng Trung Quốc, nhân dịp ông thăm chính thức Việt Nam "
            "từ ngày 14 đến 15/5. Trước hội đàm, Đại tướng Phan Văn Giang đã chủ trì lễ đón Thượng tướng Đổng Quân.")
    visit = next(e for e in events(text) if e.type == "visit")
    assert visit.participants == ["Đổng Quân", "Phan Văn Giang"] and "welcome_host" in visit.rules
    # a welcome of someone who is not the trip's visitor names no host of it
    text = ("Chiều 14/5, tại Hà Nội, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng đã hội đàm với "
            "Thượng tướng Đổng Quân, Bộ trưởng Bộ Quốc phòng Trung Quốc, nhân dịp ông thăm chính thức Việt Nam "
            "từ ngày 14 đến 15/5. Cùng ngày, Thượng tướng Nguyễn Tân Cương, Tổng Tham mưu trưởng chủ trì lễ đón "
            "Đại tướng Lý Thượng Phúc, Tư lệnh Lục quân Campuchia.")
    visit = next(e for e in events(text) if e.type == "visit" and "Đổng Quân" in e.participants)
    assert visit.participants == ["Đổng Quân"]


def test_a_leader_greeted_at_a_meeting_already_reported_did_not_take_part():
    text = ("Chiều 14/5, tại Bắc Kinh, Thường trực Ban Bí thư Trần Cẩm Tú đã hội kiến Chủ tịch Chính hiệp Toàn quốc "
            "Trung Quốc Vương Hỗ Ninh. Tại cuộc hội kiến, đồng chí Trần Cẩm Tú chuyển lời thăm hỏi của Tổng Bí thư "
            "Tô Lâm tới Tổng Bí thư, Chủ tịch nước Tập Cận Bình.")
    evs = events(text)
    assert pairs(evs) == [("meeting", ("Trần Cẩm Tú", "Vương Hỗ Ninh"))]
    assert any(t["rule"] == "setting_reference" for t in process(HEADER + text, "t", trace=True).trace)
    # a greeting with no meeting reported before it: the setting is all the excerpt says
    evs = events("Tại cuộc hội kiến, đồng chí Trần Cẩm Tú chuyển lời thăm hỏi của Tổng Bí thư Tô Lâm tới Chủ tịch "
                 "Chính hiệp Toàn quốc Trung Quốc Vương Hỗ Ninh.")
    assert pairs(evs) == [("meeting", ("Trần Cẩm Tú", "Vương Hỗ Ninh"))]


def test_a_kingdom_named_in_full_is_the_country_a_trip_went_to():
    evs = events("Chiều 14/5, tại Phnom Penh, trong khuôn khổ chuyến thăm chính thức Vương quốc Campuchia, Bộ trưởng "
                 "Bộ Quốc phòng Phan Văn Giang đã hội đàm với Phó Thủ tướng, Bộ trưởng Bộ Quốc phòng Campuchia Tea Seiha.")
    assert sorted((e.type, e.place) for e in evs) == [("talks", "Phnom Penh"), ("visit", "Vương quốc Campuchia")]


def test_an_excerpt_that_opens_at_the_reception_reports_it():
    evs = events("Tại buổi tiếp, Chủ tịch nước Lương Cường đề nghị Đại sứ Ấn Độ Sandeep Arya thúc đẩy hợp tác "
                 "quốc phòng giữa hai nước.", header="")
    assert pairs(evs) == [("meeting", ("Lương Cường", "Sandeep Arya"))]
    # after the reception is reported, "Tại buổi tiếp" speaks of it: still one meeting
    evs = events("Chiều 14/5, Chủ tịch nước Lương Cường đã tiếp Đại sứ Ấn Độ Sandeep Arya. Tại buổi tiếp, Chủ tịch "
                 "nước đề nghị Đại sứ Sandeep Arya thúc đẩy hợp tác quốc phòng giữa hai nước.")
    assert pairs(evs) == [("meeting", ("Lương Cường", "Sandeep Arya"))]


def test_a_day_restated_in_another_time_zone_does_not_date_the_event():
    evs = events("Bên lề Hội nghị G20 tại Rio de Janeiro, Brazil, chiều 18/11 (giờ địa phương), tức rạng sáng 19/11 "
                 "giờ Việt Nam, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Quốc vụ viện Trung Quốc Lý Cường.",
                 header="19/11/2024 06:40\n\n")
    assert [(e.type, e.date, e.place) for e in evs] == [("meeting", "2024-11-18", "Rio de Janeiro")]
    # with no date before it, the day after "tức" is the only one the sentence gives
    evs = events("Tức rạng sáng 19/11 giờ Việt Nam, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Quốc vụ viện Trung "
                 "Quốc Lý Cường.", header="19/11/2024 06:40\n\n")
    assert [e.date for e in evs] == ["2024-11-19"]


def test_an_unknown_city_before_a_known_country_is_the_place():
    def place(where):
        return [e.place for e in events(f"Chiều 14/5, {where}, Thủ tướng Phạm Minh Chính đã gặp Thủ tướng Ấn Độ "
                                        f"Narendra Modi.")]
    assert place("tại Kazan, Nga") == ["Kazan"]
    # a capitalised word before a comma and no country is no place
    assert place("tại Hội nghị, sau phiên khai mạc") == [None]


def test_a_country_named_formally_is_where_a_trip_went():
    evs = events("Trong khuôn khổ chuyến thăm chính thức Cộng hòa Pháp, chiều 14/5, tại Điện Élysée, Thủ tướng Phạm "
                 "Minh Chính đã hội kiến Tổng thống Pháp Emmanuel Macron.")
    assert sorted((e.type, e.place) for e in evs) == [("meeting", "Điện Élysée"), ("visit", "Cộng hòa Pháp")]
    # a formal word before no known country names no place ("Cộng hòa" alone)
    evs = events("Chiều 14/5, Thủ tướng Phạm Minh Chính thăm chính thức Cộng hòa Xéc-bi-na từ ngày 14 đến 16/5.")
    assert [(e.type, e.place) for e in evs] == [("visit", None)]


def test_the_bodys_fuller_name_of_a_place_wins_over_the_headlines():
    text = ("Phó Chủ tịch Quốc hội Nguyễn Khắc Định thăm làm việc tại Quảng Tây\n"
            "Từ ngày 13 đến 15/5, Phó Chủ tịch Quốc hội Nguyễn Khắc Định thăm và làm việc tại Khu tự trị dân tộc "
            "Choang Quảng Tây.")
    evs = events(text, header="")
    assert [(e.type, e.place) for e in evs] == [("visit", "Khu tự trị dân tộc Choang Quảng Tây")]


def test_a_trip_said_to_be_coming_is_planned():
    evs = events("Chiều 14/5, Người phát ngôn Bộ Ngoại giao Phạm Thu Hằng thông tin về chuyến thăm sắp tới của Thủ "
                 "tướng Phạm Minh Chính tới Hoa Kỳ.")
    assert evs == []
    # "chuyến thăm tới Hoa Kỳ" (to the US) is the trip itself
    evs = events("Từ ngày 13 đến 15/5, Thủ tướng Phạm Minh Chính có chuyến thăm tới Hoa Kỳ.")
    assert [e.type for e in evs] == ["visit"]


def test_items_of_a_list_of_activities_take_the_lists_subject():
    text = ("Từ ngày 13 đến 14/5, Thủ tướng Phạm Minh Chính đã thăm chính thức Thái Lan.\n"
            "Trong chuyến thăm, Thủ tướng Phạm Minh Chính đã có các hoạt động:\n"
            "- Hội đàm với Thủ tướng Thái Lan Paetongtarn Shinawatra;\n"
            "- Hội kiến Chủ tịch Quốc hội Thái Lan Wan Muhamad Noor Matha.")
    evs = events(text)
    assert pairs(evs, "talks") == [("talks", ("Paetongtarn Shinawatra", "Phạm Minh Chính"))]
    assert pairs(evs, "meeting") == [("meeting", ("Phạm Minh Chính", "Wan Muhamad Noor Matha"))]
    # items after a sentence that does not introduce a list (no colon) take no subject
    text = ("Từ ngày 13 đến 14/5, Thủ tướng Phạm Minh Chính đã thăm chính thức Thái Lan.\n"
            "- Hội đàm với Thủ tướng Thái Lan Paetongtarn Shinawatra.")
    assert pairs(events(text), "talks") == []


def test_a_verb_right_after_a_title_ending_in_bi_thu_is_a_verb():
    evs = events("Sáng 14/5, tại Hà Nội, Đại tướng Lương Cường, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư tiếp "
                 "Thượng tướng Hà Vệ Đông, Phó Chủ tịch Quân ủy Trung ương Trung Quốc.")
    assert pairs(evs) == [("meeting", ("Hà Vệ Đông", "Lương Cường"))]
    # "Tổng Thư ký" is a title, not a signing
    evs = events("Sáng 14/5, Thủ tướng Phạm Minh Chính tiếp Tổng Thư ký Liên hợp quốc Antonio Guterres.")
    assert [e.type for e in evs] == ["meeting"]


def test_an_unknown_city_before_a_bracketed_known_place_is_the_place():
    evs = events("Ngày 14/5, tại thành phố Sùng Tả (Quảng Tây, Trung Quốc), Chủ tịch UBND tỉnh Cao Bằng Hoàng Xuân "
                 "Ánh đã hội đàm với Chủ tịch Chính quyền Khu tự trị Quảng Tây Vi Thao.")
    assert [e.place for e in evs] == ["Sùng Tả"]
    # a bracket that opens with no known place says nothing of the name before it
    evs = events("Ngày 14/5, tại Hội trường Diên Hồng (tầng 2), Chủ tịch Quốc hội Trần Thanh Mẫn đã hội đàm với "
                 "Chủ tịch Quốc hội Lào Saysomphone Phomvihane.")
    assert [e.place for e in evs] == ["Hội trường Diên Hồng"]
