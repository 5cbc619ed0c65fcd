"""The statements stage on sentences written for these tests, one construction each."""
from __future__ import annotations

from ngoaigiao.pipeline import process

# An event of its own first: an article that reports no event has no statements.
LEAD = ("Hà Nội, ngày 5/3/2024 - Chiều 5/3, tại Hà Nội, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm "
        "với Bộ trưởng Ngoại giao Trung Quốc Vương Nghị. ")


def statements(body: str, lead: str = LEAD) -> list[tuple]:
    art = process(lead + body, id="t")
    return [(s.side, s.act, tuple(s.topics), s.speaker) for s in art.statements]


def test_propose_by_a_named_person():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hai bên đẩy mạnh hợp tác thương mại, mở rộng xuất khẩu nông sản.")
    assert got == [("VN", "propose", ("trade",), "Bùi Thanh Sơn")]


def test_both_sides_agree():
    got = statements("Hai bên nhất trí đẩy nhanh kết nối đường sắt qua biên giới.")
    assert got == [("both", "agree", ("connectivity", "border"), None)]


def test_commit_inside_an_affirm_takes_the_inner_act():
    got = statements("Bộ trưởng Vương Nghị khẳng định Trung Quốc sẵn sàng mở rộng nhập khẩu hàng hóa của Việt Nam.")
    assert got == [("CN", "commit", ("trade",), "Vương Nghị")]


def test_affirm_with_no_topic_word_is_political():
    got = statements("Bộ trưởng Vương Nghị nhấn mạnh Trung Quốc luôn coi trọng quan hệ hữu nghị với Việt Nam.")
    assert got == [("CN", "affirm", ("political",), "Vương Nghị")]


def test_speaker_introduced_by_title_only():
    got = statements("Bộ trưởng Vương Nghị bày tỏ vui mừng trước sự phát triển của quan hệ hai nước. "
                     "Bộ trưởng Bùi Thanh Sơn đánh giá cao hợp tác y tế giữa hai nước. "
                     "Bộ trưởng cũng đề nghị hai bên tăng cường hợp tác quốc phòng.")
    assert ("VN", "propose", ("defence",), "Bùi Thanh Sơn") in got


def test_several_acts_in_one_sentence():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hai bên thúc đẩy hợp tác đầu tư; "
                     "khẳng định Việt Nam sẵn sàng phối hợp chặt chẽ tại Liên hợp quốc.")
    assert got == [("VN", "propose", ("investment",), "Bùi Thanh Sơn"),
                   ("VN", "commit", ("multilateral",), "Bùi Thanh Sơn")]


def test_side_phrase_without_a_speaker():
    got = statements("Phía Việt Nam đề nghị phía Trung Quốc tạo thuận lợi cho thông quan tại các cửa khẩu.")
    assert got and got[0][:2] == ("VN", "propose") and got[0][3] is None


def test_greetings_thanks_and_congratulations_are_not_statements():
    got = statements("Bộ trưởng Bùi Thanh Sơn chuyển lời thăm hỏi của lãnh đạo Việt Nam tới lãnh đạo Trung Quốc. "
                     "Bộ trưởng Vương Nghị cảm ơn sự đón tiếp chu đáo của phía Việt Nam. "
                     "Bộ trưởng Vương Nghị bày tỏ chúc mừng những thành tựu phát triển của Việt Nam.")
    assert got == []


def test_recalled_agreements_are_not_statements():
    got = statements("Tại cuộc gặp ngày 12/6/2019, hai bên đã nhất trí thúc đẩy hợp tác du lịch. "
                     "Như đã nhất trí trước đó, hai bên sẽ tăng cường hợp tác giáo dục.")
    assert got == []


def test_an_article_with_no_event_has_no_statements():
    got = statements("Các chuyên gia cho rằng hai nước cần đẩy mạnh thương mại. "
                     "Việt Nam luôn coi trọng quan hệ với các nước láng giềng.", lead="Bình luận quốc tế. ")
    assert got == []


def test_output_record_has_the_statements_shape():
    art = process(LEAD + "Hai bên nhất trí tăng cường giao lưu văn hóa và du lịch.", id="t")
    rec = art.to_record()["statements"][0]
    assert {k: rec[k] for k in ("side", "act", "topics", "speaker")} == {
        "side": "both", "act": "agree", "topics": ["people"], "speaker": None}
    assert rec["object"].startswith("tăng cường giao lưu văn hóa")
    assert rec["evidence"]["text"].startswith("Hai bên nhất trí") and rec["event"] == 0


def test_belief_about_the_other_sides_own_affairs_is_not_a_statement():
    got = statements("Bộ trưởng Bùi Thanh Sơn tin tưởng Trung Quốc sẽ hoàn thành các mục tiêu phát triển đề ra.")
    assert got == []


def test_asking_to_pass_on_greetings_is_not_a_proposal():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị Bộ trưởng Vương Nghị chuyển lời thăm hỏi tới lãnh đạo Trung Quốc.")
    assert got == []


def test_a_country_before_a_comma_is_not_the_subject_of_the_next_verb():
    got = statements("Bộ trưởng Vương Nghị khẳng định Trung Quốc coi trọng quan hệ với Việt Nam, "
                     "sẵn sàng cùng Việt Nam mở rộng hợp tác du lịch.")
    assert ("CN", "commit", ("people",), "Vương Nghị") in got
    assert all(side == "CN" for side, *_ in got)


def test_fronted_statement_takes_the_speaker_named_after_it():
    got = statements("Đánh giá cao kết quả hợp tác giữa hai nước thời gian qua, Bộ trưởng Vương Nghị cho biết "
                     "Trung Quốc mong muốn tăng cường giao lưu giữa hai bên.")
    assert got[0][:2] == ("CN", "affirm") and got[0][3] == "Vương Nghị"


def test_after_a_comma_the_clause_subject_speaks_not_a_country_named_on_the_way():
    got = statements("Bộ trưởng Vương Nghị khẳng định Trung Quốc coi trọng quan hệ với Việt Nam; "
                     "sẽ hỗ trợ Việt Nam phát triển hạ tầng, đồng thời mong muốn hai bên mở rộng hợp tác du lịch.")
    assert ("CN", "propose", ("people",), "Vương Nghị") in got
    assert not any(side == "VN" for side, *_ in got)


def test_a_statement_after_congratulations_in_the_same_sentence_is_kept():
    got = statements("Bộ trưởng Bùi Thanh Sơn chúc mừng Bộ trưởng Vương Nghị được bổ nhiệm, đồng thời "
                     "bày tỏ mong muốn hai bên tăng cường hợp tác y tế.")
    assert got == [("VN", "propose", ("health",), "Bùi Thanh Sơn")]


def test_a_province_named_with_another_topic_is_no_border_topic():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hai bên đẩy nhanh xây dựng tuyến đường sắt Lào Cai - Hà Nội.")
    assert got == [("VN", "propose", ("connectivity",), "Bùi Thanh Sơn")]
    # the provinces alone: their cooperation is the border's
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị tăng cường hợp tác giữa Lào Cai và Vân Nam.")
    assert got == [("VN", "propose", ("border",), "Bùi Thanh Sơn")]


def test_disagreements_at_sea_are_the_sea_and_a_project_of_a_road_is_connectivity():
    got = statements("Hai bên nhất trí kiểm soát tốt bất đồng trên biển.")
    assert got == [("both", "agree", ("sea",), None)]
    got = statements("Hai bên nhất trí kiểm soát tốt bất đồng.")
    assert got == [("both", "agree", ("political",), None)]
    got = statements("Bộ trưởng Vương Nghị đề nghị sớm hoàn thành dự án đường cao tốc.")
    assert got == [("CN", "propose", ("connectivity",), "Vương Nghị")]


def test_agreeing_with_the_other_sides_proposals_takes_their_topics():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị tăng cường giao lưu hữu nghị quốc phòng biên giới. "
                     "Bộ trưởng Vương Nghị nhất trí với các đề xuất của phía Việt Nam.")
    assert got == [("VN", "propose", ("defence",), "Bùi Thanh Sơn"), ("CN", "agree", ("defence",), "Vương Nghị")]
    # agreeing with something named: its own topic
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị tăng cường hợp tác quốc phòng. "
                     "Bộ trưởng Vương Nghị nhất trí với đề xuất mở rộng thương mại.")
    assert got[-1] == ("CN", "agree", ("trade",), "Vương Nghị")


def test_deepening_the_relationship_is_political_beside_another_field():
    got = statements("Bộ trưởng Bùi Thanh Sơn khẳng định mong muốn làm sâu sắc hơn quan hệ Đối tác chiến lược "
                     "toàn diện, thúc đẩy hợp tác nghề cá.")
    assert got == [("VN", "propose", ("political", "agriculture"), "Bùi Thanh Sơn")]


def test_accepting_an_invitation_needs_no_object():
    got = statements("Bộ trưởng Bùi Thanh Sơn chuyển lời mời Bộ trưởng Vương Nghị thăm Hà Nội. "
                     "Bộ trưởng Vương Nghị vui vẻ nhận lời.")
    assert got == [("VN", "propose", ("political",), "Bùi Thanh Sơn"), ("CN", "commit", ("political",), "Vương Nghị")]
    # a thank-you with nothing after it is still no statement
    assert statements("Bộ trưởng Vương Nghị cảm ơn.") == []


def test_a_longer_phrase_of_one_topic_hides_a_shorter_one_of_another():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị phối hợp phòng, chống tội phạm công nghệ cao.")
    assert got == [("VN", "propose", ("security",), "Bùi Thanh Sơn")]
    got = statements("Bộ trưởng Vương Nghị cho rằng hai nước cần tăng cường phối hợp trong các cơ chế đa phương.")
    assert got == [("CN", "affirm", ("multilateral",), "Vương Nghị")]
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hợp tác phòng chống dịch bệnh trên vật nuôi.")
    assert got == [("VN", "propose", ("agriculture",), "Bùi Thanh Sơn")]
    # the shorter phrases alone keep their topics
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hợp tác phòng chống dịch và sản xuất vắc-xin.")
    assert got == [("VN", "propose", ("health",), "Bùi Thanh Sơn")]


def test_a_report_is_a_statement_only_through_the_act_inside_it():
    got = statements("Bộ trưởng Vương Nghị cho biết Trung Quốc sẽ tiếp tục tổ chức Lễ hội văn hóa Trung Quốc tại Việt Nam.")
    assert got == [("CN", "commit", ("people",), "Vương Nghị")]
    # a briefing on one's own affairs is no statement
    assert statements("Bộ trưởng Vương Nghị cho biết kinh tế Trung Quốc tăng trưởng 5% trong năm qua.") == []
    # further on, a side with its own verb is read as without the report
    got = statements("Bộ trưởng Vương Nghị cho biết, Bộ Ngoại giao nước Cộng hòa Nhân dân Trung Hoa sẵn sàng phối "
                     "hợp tổ chức các hoạt động giao lưu nhân dân.")
    assert [(s, a) for s, a, _t, _p in got] == [("CN", "commit")]


def test_an_invitation_passed_on_after_a_congratulation():
    got = statements("Bộ trưởng Bùi Thanh Sơn chúc mừng Bộ trưởng Vương Nghị được tái bổ nhiệm và chuyển lời mời của "
                     "Thủ tướng Phạm Minh Chính mời Thủ tướng Lý Cường thăm Việt Nam.")
    assert got == [("VN", "propose", ("political",), "Bùi Thanh Sơn")]
    # the congratulation alone is none
    assert statements("Bộ trưởng Bùi Thanh Sơn chúc mừng Bộ trưởng Vương Nghị được tái bổ nhiệm.") == []


def test_an_invitation_gladly_accepted_after_thanks():
    got = statements("Tổng Bí thư Thongloun Sisoulith cảm ơn sự giúp đỡ của Việt Nam và vui vẻ nhận lời mời "
                     "thăm Việt Nam.")
    assert got == [("LA", "commit", ("political",), "Thongloun Sisoulith")]
    # the thanks alone are none
    assert statements("Tổng Bí thư Thongloun Sisoulith cảm ơn sự giúp đỡ của Việt Nam và vui vẻ chào đón "
                      "đoàn.") == []


def test_an_earlier_date_inside_the_statement_before_does_not_recall_the_next():
    got = statements("Hai bên đánh giá cao kết quả chuyến thăm Việt Nam của Tổng Bí thư, Chủ tịch nước Tập Cận Bình "
                     "tháng 12/2023, nhất trí tăng cường trao đổi lý luận giữa hai Đảng.")
    assert got == [("both", "affirm", ("political",), None), ("both", "agree", ("party",), None)]
    # an earlier date in the clause before the verb itself still recalls the agreement
    got = statements("Tháng 12/2023, hai bên đã nhất trí tăng cường trao đổi lý luận giữa hai Đảng.")
    assert got == []


def test_results_of_a_visit_are_the_relationship_not_the_other_sides_achievements():
    got = statements("Bộ trưởng Vương Nghị đánh giá cao kết quả chuyến thăm Trung Quốc của Thủ tướng Phạm Minh Chính.")
    assert got == [("CN", "affirm", ("political",), "Vương Nghị")]
    # the other side's own results are praise, not a statement
    assert statements("Bộ trưởng Vương Nghị đánh giá cao kết quả phát triển kinh tế - xã hội của Việt Nam.") == []


def test_fraud_by_high_technology_is_security_not_science():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hai bên phối hợp đấu tranh với tội phạm lừa đảo công nghệ cao.")
    assert got == [("VN", "propose", ("security",), "Bùi Thanh Sơn")]
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hai bên tăng cường hợp tác công nghệ cao.")
    assert got == [("VN", "propose", ("science",), "Bùi Thanh Sơn")]


def test_a_pledge_not_to_let_hostile_forces_act_is_a_security_commitment():
    got = statements("Bộ trưởng Vương Nghị khẳng định Trung Quốc không để bất kỳ thế lực nào sử dụng lãnh thổ Trung Quốc "
                     "chống phá Việt Nam.")
    assert got == [("CN", "commit", ("security",), "Vương Nghị")]
    # "không" without "để" states a position
    got = statements("Bộ trưởng Vương Nghị khẳng định Trung Quốc không ngừng coi trọng quan hệ với Việt Nam.")
    assert got == [("CN", "affirm", ("political",), "Vương Nghị")]


def test_power_lines_and_electricity_purchases_are_energy():
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hai bên đẩy nhanh xây dựng đường dây truyền tải điện qua biên giới.")
    assert got == [("VN", "propose", ("environment", "border"), "Bùi Thanh Sơn")]
    # a telegram ("gửi điện") is no energy
    got = statements("Bộ trưởng Bùi Thanh Sơn đề nghị hai bên thường xuyên gửi điện, thư cho nhau.")
    assert got and all("environment" not in t for _s, _a, t, _p in got)
