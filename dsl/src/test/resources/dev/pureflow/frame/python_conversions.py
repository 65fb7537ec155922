#!/usr/bin/env python3
"""Writes python-conversions.tsv: what CPython answers for int(s, 0), float(s) and gpframe's
string_to_bool, so StringConversionsTableTest can hold the Java side to it.
Run from this directory: python3 python_conversions.py > python-conversions.tsv
Columns: kind, input (Java-escaped), true set, false set (bool only: count:items|-separated), answer
(int: decimal digits; float: float.hex(); bool: True/False; ValueError if Python raises)."""
import random
import sys

def esc(s):
    out = []
    for ch in s:
        c = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif 32 < c < 127 and ch not in "|":
            out.append(ch)
        elif c > 0xFFFF:
            hi = 0xD800 + ((c - 0x10000) >> 10)
            lo = 0xDC00 + ((c - 0x10000) & 0x3FF)
            out.append("\\u%04x\\u%04x" % (hi, lo))
        else:
            out.append("\\u%04x" % c)
    return "".join(out)

def string_to_bool(s, true, false):
    if not true and not false:
        return bool(s)
    if true and not false:
        return s in true
    if false and not true:
        return s not in false
    if s in true:
        return True
    if s in false:
        return False
    raise ValueError(s)

INTS = ["0", "00", "0_0", "010", "10", "-10", " +7 ", "0x_1f", "0x1F", "0X1f", "0o17", "0O17", "0b101",
        "0B1_0_1", "1_000", "1__000", "_1", "1_", "0x", "0x_", "0b2", "0o8", "1e3", "", " ", "+", "-0",
        "0_", "00_0", "0_00", "007", "0x__1", "1 2", "\t42\n", "\u00a042\u00a0", "\u0661\u0662",
        "0x\u0661", "+-1", "--1", "\u0663_\u0664", "12a", "0xffffffffffffffffffff", "\u2007 5", "\u200b5",
        "\x1c5\x1f", "\x855", "0b", "0_7", "0_0_0", "08", "0L", "1_0_0", "  -0x10  ", "0xg", "- 1",
        "0x-1", "0o_7", "0b_", "\u3000-12\u3000", "\u20281\u2029", "\uff11\uff12", "\U0001D7D8",
        "0\u0660", "\u0660\u0660", "\u06601", "99999999999999999999999", "-0b1111", "+0o777_777",
        "0_1", "1_2_3_4", "0xDEAD_beef", "0x_", "1\x00", "\x0b\x0c12\r"]
FLOATS = ["1", "1.5", " -1.5e3 ", "1_000.5", "1__0", "_1", "1_", ".5", "5.", "5._5", "1e_5", "1_e5",
          "1e5_0", "inf", "-Infinity", "+NaN", "nan", "infinit", "0x1p3", "1f", "1d", "", ".", " . ",
          "e5", "1e", "1e+", "1E-5", "\u0661.\u0665", "1.5\u00a0", "\x1c1", "0001.0", "1_0e1_0",
          "1e400", "-1e400", "4.9e-324", "2e-324", "0.1", "1.7976931348623157e308",
          "1.7976931348623159e308", "+.5e-3", "--1", "1.2.3", "\u0661_\u0662", "iNF", "nAn", "- 1",
          "1.0_1", "1._0", "1_.0", "-0", "-0.0", "1e5e5", "1E5e5", "+inf", "-nan", "infinity ",
          " INFINITY", "in f", "1.e5", ".e5", "0e0", "010", "1_0.0_1e-0_1", "3.14159265358979323846",
          "123456789012345678901234567890", "1e-400", "2.2250738585072014e-308", "\u20071.0", "1.0\u0085"]
BOOLS = [("", (), ()), ("x", (), ()), ("False", (), ()), ("0", (), ()), ("yes", ("yes", "on"), ()),
         ("no", ("yes", "on"), ()), ("off", (), ("no", "off")), ("maybe", (), ("no", "off")),
         ("yes", ("yes",), ("no",)), ("no", ("yes",), ("no",)), ("maybe", ("yes",), ("no",)),
         ("", ("",), ("no",)), ("Yes", ("yes",), ("no",)), (" yes", ("yes",), ()), ("", (), ("",))]

rnd = random.Random(20261129)
for _ in range(200):
    n = rnd.randrange(-10**rnd.randrange(1, 30), 10**rnd.randrange(1, 30))
    base = rnd.choice(["", "0x", "0o", "0b", "0X", "0O", "0B"])
    fmt = {"": "d", "0x": "x", "0X": "X", "0o": "o", "0O": "o", "0b": "b", "0B": "b"}[base]
    digits = format(abs(n), fmt)
    s = "".join(d + ("_" if rnd.random() < 0.2 else "") for d in digits)
    s = ("-" if n < 0 else rnd.choice(["", "+"])) + base + ("_" if base and rnd.random() < 0.3 else "") + s
    if rnd.random() < 0.2:
        s = s[:rnd.randrange(len(s) + 1)] + rnd.choice(["_", "__", "0", "9", "a", "x", " ", "."]) + s[rnd.randrange(len(s) + 1):]
    INTS.append(s)
for _ in range(200):
    x = rnd.choice([rnd.uniform(-1e6, 1e6), rnd.expovariate(1e-3), 10 ** rnd.uniform(-330, 310)])
    s = rnd.choice([repr(x), "%.17g" % x, "%e" % x, "%.3f" % x])
    if rnd.random() < 0.3:
        i = rnd.randrange(len(s) + 1)
        s = s[:i] + rnd.choice(["_", "__", "e", ".", "-", " ", "1"]) + s[i:]
    FLOATS.append(s)

w = sys.stdout
for s in INTS:
    try:
        answer = str(int(s, 0))
    except ValueError:
        answer = "ValueError"
    w.write("int\t%s\t\t\t%s\n" % (esc(s), answer))
for s in FLOATS:
    try:
        answer = float(s).hex()
    except ValueError:
        answer = "ValueError"
    w.write("float\t%s\t\t\t%s\n" % (esc(s), answer))
for s, t, f in BOOLS:
    try:
        answer = str(string_to_bool(s, t, f))
    except ValueError:
        answer = "ValueError"
    w.write("bool\t%s\t%d:%s\t%d:%s\t%s\n" % (esc(s), len(t), "|".join(esc(x) for x in t), len(f), "|".join(esc(x) for x in f), answer))
