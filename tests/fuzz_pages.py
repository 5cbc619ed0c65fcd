"""Seed pages (written for the tests, in the genre's style) and the mutations the fuzz
test and benchmarks/fuzz_pipeline.py apply to them. A mutation is a list of
(operation, position 0..1, payload index) triples, so hypothesis can shrink it and
a random generator can draw it alike."""
from __future__ import annotations

import codecs

TXT = ("Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Trung Quốc Lý Cường\n"
       "Cập nhật: 08:15 | 12/06/2024\n"
       "(Chinhphu.vn) - Chiều 12/6, tại Trụ sở Chính phủ, Thủ tướng Phạm Minh Chính đã hội đàm với "
       "Thủ tướng Quốc vụ viện Trung Quốc Lý Cường nhân dịp chuyến thăm chính thức Việt Nam từ ngày "
       "11 đến 13/6/2024.\n"
       "Hai bên đã ký 12 văn kiện hợp tác, trong đó có Bản ghi nhớ về kết nối đường sắt.\n"
       "Ảnh: Nhật Bắc\nTin liên quan\nGiá vàng hôm nay 12/6\n")
HTML = ("<!doctype html><html><head><meta charset='utf-8'><title>Chủ tịch nước tiếp Đại sứ Nhật Bản</title>"
        "<meta property='article:published_time' content='2024-09-09T10:00:00+07:00'></head><body>"
        "<nav><a href='/'>Trang chủ</a> | <a href='/tg'>Thế giới</a></nav><article><h1>Chủ tịch nước tiếp "
        "Đại sứ Nhật Bản</h1><p>Ngày 9/9, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường đã tiếp Đại sứ Nhật Bản "
        "Ito Naoki đến chào kết thúc nhiệm kỳ.</p><p>Hai bên trao đổi về hợp tác đầu tư, lao động và giao "
        "lưu nhân dân giữa hai nước.</p></article><footer>© Báo Thế giới và Việt Nam</footer></body></html>")
SEEDS: list[tuple[str, bytes]] = [("seed.txt", TXT.encode()), ("seed.html", HTML.encode()),
                                  ("seed-bom.txt", codecs.BOM_UTF8 + TXT.encode())]

# What pages (and attackers) put in: impossible and odd dates, deep and many tags,
# broken encodings, controls, marks, very long words and lines.
PAYLOADS: list[bytes] = [
    b"31/4/2024", b"29/2/2023", b"ng\xc3\xa0y 0/13", b"00/00/0000", b"99/99/9999", b"t\xe1\xbb\xab ng\xc3\xa0y 31 \xc4\x91\xe1\xba\xbfn 1/2",
    b"<div>" * 300, b"</div>" * 50, b"<p>" * 500, b"<span>x</span>" * 2000, b"<!--", b"<script>", b"<![CDATA[",
    b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\x00\x00\xfe\xff", b"\xef\xbb\xbf", b"\r", b"\r\n" * 50,
    b"\x1b]0;x\x07", "\u202e\u200f\u0301\u0300".encode(), "\ufeff".encode(), "𝐓𝐡ủ".encode(),
    "Thủ tướng ".encode() * 200, ("a" * 5000).encode(), b"\n" * 300, b"(" * 500, b"\"" * 200,
    "Tổng Bí thư, Chủ tịch nước ".encode(), "Bộ trưởng Ngoại giao Vương Nghị".encode(), b"http://x.vn/2024/04/31/a.html",
    "Hà Nội, 31/4/2024".encode(), "Thứ Hai, 30/02/2024 10:00 GMT+7".encode(), "ngày 5-6/7".encode(), b"\t" * 100,
]
OPS = ("insert", "replace", "delete", "duplicate", "truncate", "flip")


def mutate(data: bytes, ops: list[tuple[int, float, int]], keep_utf8: bool = False) -> bytes:
    """`data` changed by `ops`; with `keep_utf8`, bytes the changes left undecodable are dropped,
    so that the page gets past the read stage and the later stages are fuzzed too."""
    out = bytearray(data)
    for op_i, where, k in ops:
        op = OPS[op_i % len(OPS)]
        pos = int(where * len(out)) if out else 0
        payload = PAYLOADS[k % len(PAYLOADS)]
        if op == "insert":
            out[pos:pos] = payload
        elif op == "replace":
            out[pos:pos + len(payload)] = payload
        elif op == "delete":
            del out[pos:pos + 1 + k % 64]
        elif op == "duplicate":
            out[pos:pos] = out[pos:pos + 1 + (k * 37) % 400] * (1 + k % 5)
        elif op == "truncate":
            del out[max(1, pos):]
        elif op == "flip" and out:
            out[min(pos, len(out) - 1)] ^= 1 << (k % 8)
    if keep_utf8:
        return bytes(out).decode("utf-8", "ignore").encode("utf-8")
    return bytes(out)
