#!/usr/bin/python3
"""Scores chardet and charset-normalizer (Debian: python3-chardet, python3-charset-normalizer)
on the samples written by `encoding_fix_detection_accuracy --write-samples FILE`, in the same
table form: the share of samples whose encoding family each names right.

Usage: /usr/bin/python3 accuracy_python_peers.py FILE
"""
import collections
import sys

LENGTHS = ["title (15-30 bytes)", "sentence (40-80 bytes)", "paragraph (>80 bytes)", "document"]
ENCODINGS = ["UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE"]


def family(name):
    """Same mapping as encoding_family() in detection_samples.cpp."""
    key = (name or "").replace("-", "").replace("_", "").upper()
    if key in ("UTF8", "UTF8SIG"):
        return "UTF-8"
    if key in ("GB2312", "GBK", "GB18030", "EUCCN", "CP936"):
        return "GB"
    if key in ("BIG5", "BIG5HKSCS", "CP950"):
        return "Big5"
    if key in ("UTF16", "UTF16LE", "UTF16BE"):
        return "UTF-16"
    return key


def main():
    tools = {}
    try:
        import chardet
        tools["chardet " + chardet.__version__] = lambda b: chardet.detect(b)["encoding"]
    except ImportError:
        print("chardet not installed (apt-get install python3-chardet)")
    try:
        import charset_normalizer
        def normalizer(b):
            best = charset_normalizer.from_bytes(b).best()
            return best.encoding if best else None
        tools["charset-normalizer " + charset_normalizer.__version__] = normalizer
    except ImportError:
        print("charset-normalizer not installed (apt-get install python3-charset-normalizer)")
    samples = []
    with open(sys.argv[1]) as f:
        for line in f:
            length, encoding, data = line.rstrip("\n").split("\t")
            samples.append((int(length), encoding, bytes.fromhex(data)))
    right = collections.Counter()
    total = collections.Counter()
    for length, encoding, data in samples:
        for tool, guess in tools.items():
            ok = family(guess(data)) == family(encoding)
            for enc in (encoding, "all"):
                total[length, tool, enc] += 1
                right[length, tool, enc] += ok
    print("encoding family named right")
    for i, name in enumerate(LENGTHS):
        print(name)
        for tool in tools:
            cells = []
            for enc in ENCODINGS:
                n = total[i, tool, enc]
                if n:
                    cells.append("%s %6.2f%%" % (enc, 100.0 * right[i, tool, enc] / n))
            n = total[i, tool, "all"]
            print("  %-26s %s  all %6.2f%%  n=%d" % (tool, " ".join(cells),
                                                    100.0 * right[i, tool, "all"] / max(n, 1), n))


if __name__ == "__main__":
    main()
