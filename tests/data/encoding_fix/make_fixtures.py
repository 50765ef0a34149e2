#!/usr/bin/env python3
"""Writes the encoding_fix fixtures from source_hans.txt and source_hant.txt.

The sources are an invented 工作总结 (source_hant.txt is `opencc -c s2tw.json` of
source_hans.txt). Each fixture is one of them encoded, or damaged the way real reports are
damaged; `<name>.expected.txt` is the text encoding_fix must hand on, where that is known
exactly by construction. Run from anywhere: python3 make_fixtures.py
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
HANS = open(os.path.join(HERE, "source_hans.txt"), encoding="utf-8").read()
HANT = open(os.path.join(HERE, "source_hant.txt"), encoding="utf-8").read()


def write(name, data, expected=None):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    if expected is not None:
        with open(os.path.join(HERE, name + ".expected.txt"), "w", encoding="utf-8",
                  newline="") as f:
            f.write(expected)


def line_index(text, needle):
    lines = text.split("\n")
    return next(i for i, l in enumerate(lines) if needle in l)


def replace_line(text, needle, damage):
    lines = text.split("\n")
    i = line_index(text, needle)
    lines[i] = damage(lines[i])
    return "\n".join(lines)


def web_latin1(data):
    # How browsers read windows-1252: its five unassigned bytes become C1 controls.
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                   else chr(b) for b in data)


# Clean encodings: the text must come back exactly, in LF/NFC form.
write("hans.gb18030.txt", HANS.encode("gbk"), HANS)
write("hant.big5.txt", HANT.encode("big5"), HANT)
write("hant.gb18030.txt", HANT.encode("gbk"), HANT)
write("hans.utf16le-bom.txt", b"\xff\xfe" + HANS.encode("utf-16-le"), HANS)
write("hans.utf16be.txt", HANS.encode("utf-16-be"), HANS)
write("hans.utf8-bom-crlf.txt", b"\xef\xbb\xbf" + HANS.replace("\n", "\r\n").encode("utf-8"), HANS)
write("hant.utf16le.txt", HANT.encode("utf-16-le"), HANT)

# UTF-8 read as GBK upstream, then saved as UTF-8: the first lines whose UTF-8 bytes pair
# up into GBK without a loss come back exactly.
def utf8_as_gbk(line):
    return line.encode("utf-8").decode("gbk")

def decodes_cleanly(line):
    try:
        return len(line) >= 4 and utf8_as_gbk(line) != line
    except UnicodeDecodeError:
        return False

lines = HANS.split("\n")
chosen = [i for i, l in enumerate(lines) if decodes_cleanly(l)][:2]
assert len(chosen) == 2, chosen
write("utf8_as_gbk.txt", "\n".join(utf8_as_gbk(l) if i in chosen else l
                                    for i, l in enumerate(lines)).encode("utf-8"), HANS)

# The same damage on a whole paragraph, where odd byte counts next to ASCII digits cost
# characters (the GBK decoder replaced what it could not pair): no exact expectation; the
# test checks that every character either comes back or is U+FFFD.
write("utf8_as_gbk_lossy.txt",
      replace_line(HANS, "(二)公共法律服务",
                   lambda l: l.encode("utf-8").decode("gbk", "replace")).encode("utf-8"))

# GBK bytes shown as Latin-1 (the title) and UTF-8 bytes shown as Latin-1 (a heading).
damaged = replace_line(HANS, "清河县司法局2022年工作总结", lambda l: web_latin1(l.encode("gbk")))
damaged = replace_line(damaged, "三、2023年工作打算", lambda l: web_latin1(l.encode("utf-8")))
write("latin1.txt", damaged.encode("utf-8"), HANS)

# Big5 bytes read as GBK, in a Traditional report saved as UTF-8.
def big5_as_gbk(line):
    return line.encode("big5").decode("gb18030")

damaged = replace_line(HANT, "清河縣司法局2022年工作總結", big5_as_gbk)
write("big5_as_gbk.txt", damaged.encode("utf-8"), HANT)

# A GBK page decoded in two pieces that split a character: the first piece ends with its
# lead byte (shown as '?'), the second starts out of step and reads byte pairs wrongly until
# a second byte in ASCII range puts it back in step. The site then folded fullwidth
# punctuation to ASCII. The lost character stays '?'; the rest must come back.
def misalign(text, char_index):
    data = text.encode("gbk")
    prefix = text[:char_index]
    start = len(prefix.encode("gbk"))
    assert len(text[char_index].encode("gbk")) == 2
    tail = data[start + 1:]
    shown = tail.decode("gbk", "replace")
    folded = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in shown)
    return prefix + "?" + folded, prefix + "?" + text[char_index + 1:]

def find_misalignment(text, after, reach=6):
    """First character after `after` whose loss leaves an error-free out-of-step span of 2 to
    `reach` characters that ends on an ASCII-range byte."""
    base = text.index(after)
    for i in range(base, len(text)):
        if len(text[i].encode("gbk", "ignore")) != 2 or text[i] in "“”":
            continue
        data = text[i:].encode("gbk")[1:]
        pos, n = 0, 0
        ok = False
        while pos < len(data) and n <= reach:
            b = data[pos]
            if b < 0x80:
                ok = 0x40 <= b <= 0x7E and n >= 2
                break
            pair = data[pos:pos + 2]
            try:
                c = pair.decode("gbk")
            except UnicodeDecodeError:
                break
            if c in "\n" or len(pair) < 2:
                break
            pos, n = pos + 2, n + 1
        if ok:
            return i
    raise SystemExit("no misalignment point after " + after)

line = HANT.split("\n")[line_index(HANT, "(一)依法治縣")]
shown, expected = misalign(line, find_misalignment(line, "召開"))
write("gbk_misaligned.txt", HANT.replace(line, shown).encode("utf-8"),
      HANT.replace(line, expected))

# Characters lost upstream: 锟斤拷 (two U+FFFD written as UTF-8, read as GBK), a U+FFFD, a '?'
# between Chinese characters. A real question mark at the end of a sentence is not a loss.
lost = HANS.replace("审议通过", "审议锟斤拷", 1).replace("实现全覆盖", "实现\ufffd覆盖", 1)
lost = lost.replace("品牌调解室", "品牌?解室", 1)
lost = lost.replace("群众参与度有待提高。", "群众参与度有待提高。如何改进?\n", 1)
expected = lost.replace("锟斤拷", "\ufffd\ufffd")
write("lost.txt", lost.encode("utf-8"), expected)

# Not text.
rng = random.Random(20230116)
write("not_text/random.bin", bytes(rng.randrange(256) for _ in range(4096)))
write("not_text/high_bytes.bin", bytes(rng.randrange(0x81, 0xFF) for _ in range(4096)))
write("not_text/image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
      b"\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe"
      b"\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")
write("not_text/utf32.txt", b"\xff\xfe\x00\x00" + HANS.encode("utf-32-le"))
write("not_text/empty.txt", b"")
write("not_text/nul_padded.txt", HANS.encode("utf-8").replace("。".encode(), b"\x00" * 8))
