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


def test_respectively_gives_one_meeting_each():
    evs = events("Ngày 14/5, Chủ tịch Quốc hội Trung Quốc Triệu Lạc Tế và Chủ tịch Chính hiệp Trung Quốc "
                 "Vương Hộ Ninh đã lần lượt hội kiến Chủ tịch nước Tô Lâm.")
    assert sorted(sorted(e.participants) for e in evs) == [["Triệu Lạc Tế", "Tô Lâm"], ["Tô Lâm", "Vương Hộ Ninh"]]


def test_delegation_head_is_the_counterpart_of_a_reception():
    evs = events("Ngày 14/5, Bí thư Thành ủy Hà Nội Đinh Tiến Dũng tiếp đoàn đại biểu Đảng Cộng sản Trung Quốc "
                 "do đồng chí Trần Văn Minh, Phó Trưởng ban Liên lạc Đối ngoại Trung ương Đảng Cộng sản "
                 "Trung Quốc, dẫn đầu.")
    meeting = next(e for e in evs if e.type == "meeting")
    assert set(meeting.participants) == {"Đinh Tiến Dũng", "Trần Văn Minh"}


def test_attendees_join_the_talks_they_attended():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Thái Lan Srettha Thavisin. "
                 "Tham dự hội đàm có Bộ trưởng Ngoại giao Bùi Thanh Sơn.")
    assert len(evs) == 1
    assert set(evs[0].participants) == {"Phạm Minh Chính", "Srettha Thavisin", "Bùi Thanh Sơn"}


def test_message_between_named_leaders():
    evs = events("Ngày 14/5, Tổng Bí thư Tô Lâm gửi điện mừng tới Tổng thống Hàn Quốc Yoon Suk Yeol.")
    assert [(e.type, sorted(e.participants)) for e in evs] == [("message", ["Tô Lâm", "Yoon Suk Yeol"])]


def test_an_event_long_before_publication_is_background():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp Đại sứ Lào Khamphao Ernthavanh. "
                 "Ngày 3/1/2024, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào Sonexay Siphandone.")
    assert [sorted(e.participants) for e in evs] == [["Khamphao Ernthavanh", "Phạm Minh Chính"]]


def test_a_planned_visit_is_not_an_event():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp Đại sứ Mỹ Marc Knapper. "
                 "Hai bên trao đổi về việc chuẩn bị cho chuyến thăm của Tổng thống Joe Biden tới Việt Nam.")
    assert [e.type for e in evs] == ["meeting"]


def test_a_trip_with_meetings_links_them():
    evs = events("Bộ trưởng Ngoại giao Bùi Thanh Sơn thăm chính thức Trung Quốc từ ngày 12 - 14/5. "
                 "Ngày 13/5, tại Bắc Kinh, Bộ trưởng Bùi Thanh Sơn hội đàm với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị.")
    visit = next(e for e in evs if e.type == "visit")
    talks = next(e for e in evs if e.type == "talks")
    assert talks.part_of == evs.index(visit)
    assert (talks.cameo, visit.cameo) == ("042", "042")


def test_document_names_and_recalled_months_give_no_events():
    evs = events("Ngày 14/5, đồng chí Hầu Minh Lợi, Phó Bí thư Thường trực Tỉnh ủy Lạng Sơn đã tiếp và làm việc "
                 "với đoàn công tác Khu tự trị dân tộc Choang Quảng Tây (Trung Quốc) do đồng chí Vi Triều Hoa, "
                 "Phó Chủ tịch Chính quyền Khu tự trị làm trưởng đoàn. Nhân dịp này, hai bên đã ký Biên bản hội "
                 "đàm về hợp tác thương mại biên giới. Trước đó, hồi tháng 12/2023, hai bên đã tổ chức hội đàm "
                 "tại Nam Ninh giữa Chủ tịch UBND tỉnh Hồ Tiến Thiệu và Chủ tịch Khu tự trị Lam Thiên Lập.")
    assert sorted(e.type for e in evs) == ["meeting", "signing"]
    meeting = next(e for e in evs if e.type == "meeting")
    assert meeting.countries == ["VN", "CN"] and meeting.date == "2024-05-14"
    assert next(e for e in evs if e.type == "signing").documents == [
        "Biên bản hội đàm về hợp tác thương mại biên giới"]


def test_a_title_alone_names_the_person_given_it_before_and_verbs_share_a_subject():
    evs = events("Sáng 13/5, Thủ tướng Phạm Minh Chính tới Thủ đô Viêng Chăn dự Hội nghị Cấp cao ASEAN. "
                 "Chiều 14/5, bên lề Hội nghị, Thủ tướng đã gặp Thủ tướng Trung Quốc Lý Cường. "
                 "Cùng ngày, Thủ tướng Phạm Minh Chính tiếp Tổng thống Hàn Quốc Yoon Suk Yeol và hội kiến "
                 "Thủ tướng Nhật Bản Ishiba Shigeru.")
    got = sorted((e.date, tuple(sorted(e.participants))) for e in evs)
    assert got == [("2024-05-14", ("Ishiba Shigeru", "Phạm Minh Chính")),
                   ("2024-05-14", ("Lý Cường", "Phạm Minh Chính")),
                   ("2024-05-14", ("Phạm Minh Chính", "Yoon Suk Yeol"))]
    assert not any(e.type == "visit" for e in evs)  # attending a summit is not a visit


def test_visit_roles_put_the_visitor_first():
    evs = events("Nhận lời mời của Thủ tướng Phạm Minh Chính, Thủ tướng Lào Sonexay Siphandone thăm chính thức "
                 "Việt Nam từ ngày 12 - 14/5.")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.roles == {"Phạm Minh Chính": "host", "Sonexay Siphandone": "visitor"}
    assert visit.countries == ["LA", "VN"]


def test_a_sentence_listing_who_else_attended_joins_the_last_meeting():
    evs = events("Chiều 14/5, Bí thư Tỉnh ủy Lạng Sơn Hoàng Văn Nghiệm tiếp Tổng Lãnh sự Trung Quốc tại "
                 "Hà Nội Lý Minh. Cùng dự có các đồng chí: Phó Chủ tịch UBND tỉnh Lương Trọng Quỳnh; "
                 "Giám đốc Sở Ngoại vụ Hoàng Đức Thắng.")
    assert len(evs) == 1
    assert evs[0].participants == ["Hoàng Văn Nghiệm", "Lý Minh", "Lương Trọng Quỳnh", "Hoàng Đức Thắng"]
    # with no event before it, such a list is nobody's attendance
    assert events("Cùng dự có Phó Chủ tịch UBND tỉnh Lương Trọng Quỳnh.") == []


def test_the_attendees_at_one_end_of_an_online_session_join_it():
    text = ("Ngày 14/5, Bí thư Tỉnh ủy Cao Bằng Trần Hồng Minh đã hội đàm trực tuyến với Bí thư Khu ủy Quảng Tây "
            "Lưu Ninh. Tham dự tại điểm cầu Cao Bằng có Chủ tịch UBND tỉnh Hoàng Xuân Ánh.")
    evs = events(text)
    assert [(e.type, e.participants) for e in evs] == [("video_call", ["Trần Hồng Minh", "Lưu Ninh", "Hoàng Xuân Ánh"])]
    # a sentence that says who chaired at one end is not an attendance list
    evs = events(text.replace("Tham dự tại điểm cầu Cao Bằng có", "Tại điểm cầu Cao Bằng, đồng chí Hoàng Xuân Ánh "
                              "đánh giá cao ý kiến của").replace("Chủ tịch UBND tỉnh Hoàng Xuân Ánh.", "các sở."))
    assert [e.participants for e in evs] == [["Trần Hồng Minh", "Lưu Ninh"]]


def test_an_attendance_sentence_with_its_own_trigger_is_not_doubled():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp Đại sứ Trung Quốc Hùng Ba. "
                 "Ngày 15/5, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào Sonexay Siphandone. "
                 "Cùng dự hội đàm có Bộ trưởng Ngoại giao Bùi Thanh Sơn.")
    talks = next(e for e in evs if e.type == "talks")
    meeting = next(e for e in evs if e.type == "meeting")
    assert "Bùi Thanh Sơn" in talks.participants and "Bùi Thanh Sơn" not in meeting.participants


def test_a_delegation_trip_without_a_named_head_is_the_foreign_guests_visit():
    evs = events("Trong khuôn khổ chuyến thăm, làm việc của Đoàn đại biểu tỉnh Vân Nam, Trung Quốc tại "
                 "Việt Nam, chiều 14/5, Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường đã tiếp và hội đàm "
                 "với đồng chí Vương Dũng, Phó Tỉnh trưởng tỉnh Vân Nam.")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.participants[0] == "Vương Dũng"
    assert visit.roles.get("Vương Dũng") == "visitor" and visit.countries[0] == "CN"


def test_a_meeting_between_people_of_one_country_is_not_an_exchange():
    evs = events("Chiều 14/5, Phó Thủ tướng Trần Lưu Quang tiếp Bí thư Tỉnh ủy Lạng Sơn Hoàng Văn Nghiệm "
                 "và Đại sứ Trung Quốc tại Việt Nam Hùng Ba.")
    assert [(e.type, e.participants) for e in evs] == [("meeting", ["Trần Lưu Quang", "Hùng Ba"])]


def test_online_meetings_are_video_calls():
    evs = events("Sáng 14/5, Chủ tịch Quốc hội Trần Thanh Mẫn đã có cuộc gặp trực tuyến với Chủ tịch "
                 "Chính hiệp toàn quốc Trung Quốc Vương Hỗ Ninh.")
    assert [(e.type, e.participants) for e in evs] == [("video_call", ["Trần Thanh Mẫn", "Vương Hỗ Ninh"])]
    # a call held online is a video call; a call is not
    text = ("Ngày 14/5, Tổng Bí thư Nguyễn Phú Trọng đã điện đàm với Tổng Bí thư, Chủ tịch nước Trung Quốc "
            "Tập Cận Bình qua hình thức trực tuyến.")
    assert [e.type for e in events(text)] == ["video_call"]
    assert [e.type for e in events(text.replace(" qua hình thức trực tuyến", ""))] == ["phone_call"]


def test_both_sides_signing_documents_they_count_after_the_visits_meetings():
    evs = events("Ngày 14/5, Tổng Bí thư Tập Cận Bình đã hội đàm với Tổng Bí thư Nguyễn Phú Trọng, Chủ tịch nước "
                 "Võ Văn Thưởng; hội kiến Thủ tướng Chính phủ Phạm Minh Chính và Chủ tịch Quốc hội Vương Đình Huệ. "
                 "Hai bên đã ký kết 36 văn kiện hợp tác trên các lĩnh vực.")
    got = sorted((e.type, tuple(sorted(e.participants))) for e in evs)
    assert ("meeting", ("Phạm Minh Chính", "Tập Cận Bình")) in got  # the verb after the semicolon keeps its subject
    assert ("meeting", ("Tập Cận Bình", "Vương Đình Huệ")) in got
    signing = [e for e in evs if e.type == "signing"]
    assert [(sorted(e.participants), e.documents) for e in signing] == [(["Nguyễn Phú Trọng", "Tập Cận Bình"], [])]
    # no document word after the verb: nothing known to be signed
    evs = events("Ngày 14/5, Tổng Bí thư Tập Cận Bình đã hội đàm với Tổng Bí thư Nguyễn Phú Trọng. "
                 "Hai bên đã ký kết hợp tác chặt chẽ trên nhiều lĩnh vực.")
    assert [e.type for e in evs] == ["talks"]


def test_both_sides_witnessing_a_signing_after_a_meeting():
    evs = events("Chiều 14/5, Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến Bí thư Khu ủy Quảng Tây Trần Cương. "
                 "Sau hội kiến, hai bên chứng kiến lễ ký Biên bản ghi nhớ hợp tác giữa Văn phòng Quốc hội "
                 "Việt Nam và Chính quyền nhân dân Khu tự trị dân tộc Choang Quảng Tây.")
    signing = next(e for e in evs if e.type == "signing")
    assert signing.date == "2024-05-14"
    assert set(signing.participants) == {"Trần Thanh Mẫn", "Trần Cương"}
    assert signing.documents and signing.documents[0].startswith("Biên bản ghi nhớ")


def test_a_visit_goes_to_the_country_named_after_its_modifiers():
    evs = events("Trong khuôn khổ chuyến thăm chính thức Trung Quốc từ ngày 12 - 16/5, chiều 14/5, tại "
                 "thành phố Nam Ninh, Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến Bí thư Khu ủy Quảng Tây "
                 "Trần Cương.")
    visit = next(e for e in evs if e.type == "visit")
    meeting = next(e for e in evs if e.type == "meeting")
    assert (visit.place, visit.date, visit.end_date) == ("Trung Quốc", "2024-05-12", "2024-05-16")
    assert meeting.place == "Nam Ninh"


def test_a_semicolon_before_another_verb_closes_the_first_clause():
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Quốc vụ viện Lý Cường; "
                 "Bộ trưởng Ngoại giao Bùi Thanh Sơn và Bộ trưởng Ngoại giao Vương Nghị trao đổi thư mừng.")
    assert sorted((e.type, tuple(e.participants)) for e in evs) == [
        ("message", ("Bùi Thanh Sơn", "Vương Nghị")), ("phone_call", ("Phạm Minh Chính", "Lý Cường"))]
    # with no verb after it, a semicolon only separates the people met
    evs = events("Ngày 14/5, Thủ tướng Phạm Minh Chính tiếp Đại sứ Trung Quốc Hùng Ba; Đại sứ Lào "
                 "Khamphao Ernthavanh.")
    assert {p for e in evs for p in e.participants} == {"Phạm Minh Chính", "Hùng Ba", "Khamphao Ernthavanh"}


def test_documents_listed_in_the_next_sentence():
    evs = events("Ngày 14/5, Phó Thủ tướng Bùi Thanh Sơn và Bộ trưởng Ngoại giao Vương Nghị chứng kiến lễ ký "
                 "kết 2 văn kiện. Các văn kiện này bao gồm: Bản ghi nhớ hợp tác giữa Bộ Công Thương Việt Nam "
                 "và Bộ Thương mại Trung Quốc; trao đổi Công thư về khoản viện trợ không hoàn lại trị giá "
                 "12,5 triệu Nhân dân tệ cho dự án Bệnh viện Hữu nghị.")
    signing = next(e for e in evs if e.type == "signing")
    assert signing.documents == [
        "Bản ghi nhớ hợp tác giữa Bộ Công Thương Việt Nam và Bộ Thương mại Trung Quốc",
        "Công thư về khoản viện trợ không hoàn lại trị giá 12,5 triệu Nhân dân tệ cho dự án Bệnh viện Hữu nghị"]


def test_document_names_go_on_after_a_comma_and_counted_kinds_are_not_names():
    evs = events("Ngày 14/5, Tổng Bí thư Tô Lâm và Tổng Bí thư, Chủ tịch nước Tập Cận Bình hội đàm. "
                 "Ngoài Tuyên bố chung về tăng cường quan hệ đối tác hợp tác chiến lược toàn diện, thúc đẩy "
                 "xây dựng Cộng đồng chia sẻ tương lai Việt Nam - Trung Quốc, trong chuyến thăm, hai bên đã "
                 "ký kết 14 văn kiện, trong đó có các nghị định thư về xuất khẩu nông sản.")
    signing = next(e for e in evs if e.type == "signing")
    assert signing.documents == ["Tuyên bố chung về tăng cường quan hệ đối tác hợp tác chiến lược toàn diện, "
                                 "thúc đẩy xây dựng Cộng đồng chia sẻ tương lai Việt Nam - Trung Quốc"]
    assert set(signing.participants) == {"Tô Lâm", "Tập Cận Bình"}


def test_a_chinese_town_secretary_met_in_a_border_province_is_an_exchange():
    evs = events("Chiều 14/5, tại Hạ Long, đồng chí Vũ Đại Thắng, Bí thư Tỉnh ủy Quảng Ninh đã tiếp đồng chí "
                 "Hoàng Ngọc Hoa, Bí thư Thị ủy Đông Hưng, Quảng Tây (Trung Quốc).")
    meeting = next(e for e in evs if e.type == "meeting")
    assert meeting.participants == ["Vũ Đại Thắng", "Hoàng Ngọc Hoa"] and set(meeting.countries) == {"VN", "CN"}


def test_a_name_that_only_looks_vietnamese_does_not_make_a_meeting_domestic():
    # no title says where Lưu Kiến Quốc is from: the meeting stays (a guess is not evidence)
    evs = events("Chiều 14/5, Bí thư Tỉnh ủy Quảng Ninh Vũ Đại Thắng đã tiếp ông Lưu Kiến Quốc.")
    assert [e.participants for e in evs if e.type == "meeting"] == [["Vũ Đại Thắng", "Lưu Kiến Quốc"]]


def test_a_guest_visiting_the_city_is_dated_by_the_trip_not_by_an_anniversary_in_brackets():
    evs = events("Sáng 13/5, đồng chí Lê Tiến Châu, Bí thư Thành ủy, Trưởng Đoàn ĐBQH thành phố Hải Phòng tiếp "
                 "đồng chí Hà Vĩ, Đại sứ Trung Quốc tại Việt Nam. Tại buổi tiếp, đồng chí Lê Tiến Châu vui mừng "
                 "đón Đại sứ Hà Vĩ đến thăm và dự Lễ kỷ niệm 70 năm Ngày giải phóng của thành phố "
                 "(13/5/1955 - 13/5/2025).")
    visit = next(e for e in evs if e.type == "visit")
    assert visit.date is None and visit.place == "Hải Phòng"
    assert visit.roles == {"Lê Tiến Châu": "host", "Hà Vĩ": "visitor"}


def test_a_misspelt_title_in_a_chain_does_not_lose_the_rest():
    art = process(HEADER + "Sáng 13/5, đồng chí Lê Tiến Châu, Ủy Trung ương Đảng, Bí thư Thành ủy Hải Phòng "
                           "tiếp Đại sứ Trung Quốc Hà Vĩ.", "t")
    titles = {p.name: p.titles for p in art.persons}
    assert titles["Lê Tiến Châu"] == ["Ủy Trung ương Đảng", "Bí thư Thành ủy Hải Phòng"]
    # a name in the chain is a person of its own, never a title
    art = process(HEADER + "Sáng 13/5, các đồng chí Nguyễn Văn Thành, Trần Văn Lâm, Bí thư Thành ủy Hải Phòng "
                           "tiếp Đại sứ Trung Quốc Hà Vĩ.", "t")
    assert all("Trần Văn Lâm" not in t for p in art.persons for t in p.titles)


def test_ranks_between_two_joined_names_keep_them_one_subject():
    evs = events("Sáng 14/5, Đại tướng Phan Văn Giang, Bộ trưởng Bộ Quốc phòng đã hội đàm với Đô đốc Đổng Quân, "
                 "Bộ trưởng Bộ Quốc phòng Trung Quốc. Tham dự hội đàm có Thượng tướng Hoàng Xuân Chiến, Thứ "
                 "trưởng Bộ Quốc phòng. Chiều cùng ngày, Đại tướng Phan Văn Giang và Đô đốc Đổng Quân chứng "
                 "kiến Lễ ký kết Biên bản ghi nhớ về hợp tác tuần tra chung biên giới.")
    signing = next(e for e in evs if e.type == "signing")
    assert signing.participants == ["Phan Văn Giang", "Đổng Quân"] and signing.date == "2024-05-14"


def test_every_message_of_an_article_about_messages_is_kept():
    evs = process("02/12/2024 09:15\n\nLãnh đạo Việt Nam gửi điện mừng Quốc khánh Lào\n"
                 "Ngày 1/12, Tổng Bí thư Tô Lâm đã gửi điện mừng tới Tổng Bí thư Đảng Nhân dân Cách mạng Lào "
                 "Thongloun Sisoulith. Cùng ngày, Thủ tướng Phạm Minh Chính gửi điện mừng tới Thủ tướng Lào "
                 "Sonexay Siphandone. Hai nước có quan hệ đặc biệt. Bộ trưởng Ngoại giao Bùi Thanh Sơn gửi thư "
                 "chúc mừng Bộ trưởng Ngoại giao Lào Thongsavanh Phomvihane.", "t").events
    assert [e.participants for e in evs if e.type == "message"] == [
        ["Tô Lâm", "Thongloun Sisoulith"], ["Phạm Minh Chính", "Sonexay Siphandone"],
        ["Bùi Thanh Sơn", "Thongsavanh Phomvihane"]]


def test_brief_contacts_are_meetings_and_a_call_at_an_embassy_is_not_a_trip():
    evs = events("Chiều 14/5, Phó Thủ tướng Bùi Thanh Sơn đã tiếp xúc với Bộ trưởng Ngoại giao Singapore Vivian "
                 "Balakrishnan bên lề Hội nghị. Trước đó, ngày 13/5, Phó Thủ tướng đã thăm Đại sứ quán Việt Nam "
                 "tại Trung Quốc.")
    assert [(e.type, e.participants) for e in evs] == [("meeting", ["Bùi Thanh Sơn", "Vivian Balakrishnan"])]
    # a trip to a country is still a visit
    evs = events("Ngày 13/5, Phó Thủ tướng Bùi Thanh Sơn thăm Trung Quốc.")
    assert [(e.type, e.place) for e in evs] == [("visit", "Trung Quốc")]


def test_dip_nay_takes_the_day_of_the_event_just_reported():
    evs = events("Chiều 14/5, đồng chí Lưu Hải Tinh hội đàm với đồng chí Lê Hoài Trung, Trưởng Ban Đối ngoại Trung "
                 "ương. Dịp này, đồng chí Lưu Hải Tinh cũng đã chào xã giao Thủ tướng Phạm Minh Chính.")
    assert [(e.type, e.date) for e in evs] == [("talks", "2024-05-14"), ("meeting", "2024-05-14")]


def test_attendees_after_a_noun_of_the_event_and_co_hosts_join_the_meeting():
    lead = ("Chiều 14/5, tại Hà Nội, Phó Thủ tướng Lê Thành Long đã tiếp bà Hạ Vinh, Bộ trưởng Bộ Tư pháp Trung Quốc. ")
    evs = events(lead + "Tham dự buổi tiếp có Bộ trưởng Bộ Tư pháp Nguyễn Hải Ninh.")
    assert [(e.type, e.participants) for e in evs] == [("meeting", ["Lê Thành Long", "Hạ Vinh", "Nguyễn Hải Ninh"])]
    evs = events(lead + "Cùng tiếp đoàn có Bộ trưởng Bộ Tư pháp Nguyễn Hải Ninh.")
    assert [(e.type, e.participants) for e in evs] == [("meeting", ["Lê Thành Long", "Hạ Vinh", "Nguyễn Hải Ninh"])]
    # a reception of its own by someone else is another meeting
    evs = events(lead + "Cùng ngày, Bộ trưởng Bộ Tư pháp Nguyễn Hải Ninh tiếp bà Hạ Vinh.")
    assert sorted(len(e.participants) for e in evs) == [2, 2]


def test_the_members_of_a_received_delegation_join_the_meeting_or_its_trip():
    lead = ("Chiều 14/5, tại Trụ sở Chính phủ, Phó Thủ tướng Trần Hồng Hà đã tiếp ông Kumagai Toshihito, Thống đốc "
            "tỉnh Chiba (Nhật Bản). ")
    members = "Đoàn gồm có Chủ tịch Hội đồng tỉnh Chiba Hayashi Mikio."
    evs = events(lead + members)
    assert [(e.type, e.participants) for e in evs] == [
        ("meeting", ["Trần Hồng Hà", "Kumagai Toshihito", "Hayashi Mikio"])]
    # with the delegation's trip reported, they travelled with it
    evs = events(lead.replace("(Nhật Bản). ", "(Nhật Bản) đang thăm và làm việc tại Việt Nam. ") + members)
    assert {e.type: e.participants for e in evs}["visit"] == ["Kumagai Toshihito", "Hayashi Mikio"]
