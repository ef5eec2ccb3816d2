"""How pairs.tsv was drawn (kept for the record; the labels in pairs.tsv were then read and corrected by hand).

    .venv/bin/python bench/data/numbers/make_pairs.py > /tmp/draft.tsv

Draws, with a fixed seed, 150 MAC-Dev and 150 Bible gold beads that hold a number on either side
(by a broad pattern independent of the checker), 25 MAC-Dev beads without any (controls with
numeral characters inside words), the 28 hand-translated seed pairs of bench/data/glossary_eval,
and injects one error into the English of 140 of them: a digit changed, or a number word replaced
by another (two -> four, twenty -> forty, hundred -> thousand, fourth -> sixth...). Every row
comes out labelled the way it was made (original = agree, injected = mismatch); the hand review
that followed changed 20 originals to mismatch and 4 injected rows to agree, with the reason in
the note column (bench/data/numbers/README.md).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from align.aligner.evaluate import read_align  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
ZH_NUMBER = re.compile("[0-9０-９]|[零〇两二三四五六七八九十百千万亿]{2}|[二三四五六七八九十百千万两][个位人年岁天日月次条只家口斤里丈尺块元两]|第[一二三四五六七八九十百]")
EN_NUMBER = re.compile(
    r"\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen|\w*score|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|twelfth|\w+teenth|\w+tieth|hundredth|half)\b", re.I)
UNITS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
SWAP = {word: group[(i + 2) % len(group)] for group in (UNITS, TEENS, TENS, ORDINALS) for i, word in enumerate(group)}
SWAP.update({"hundred": "thousand", "thousand": "hundred", "million": "billion", "billion": "million", "dozen": "score",
             "threescore": "fourscore", "fourscore": "threescore", "twoscore": "threescore", "half": "a third"})
TOKEN = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])|\b(" + "|".join(sorted(SWAP, key=len, reverse=True)) + r")\b", re.I)


def beads(name: str, english_first: bool) -> list[tuple[str, str, str]]:
    out = []
    for gold in sorted((SHARED / name / "gold").iterdir()):
        zh = (SHARED / name / "zh" / gold.stem).read_text(encoding="utf-8").splitlines()
        en = (SHARED / name / "en" / gold.stem).read_text(encoding="utf-8").splitlines()
        for k, (a, b) in enumerate(read_align(gold)):
            if english_first:
                a, b = b, a
            if a and b:
                out.append((f"{name}/{gold.stem}/{k}", "".join(zh[i].strip() for i in a), " ".join(en[i].strip() for i in b)))
    return out


def inject(en: str, rng: random.Random) -> tuple[str, str] | None:
    tokens = [m for m in TOKEN.finditer(en)
              if not (m.group(0).lower() == "second" and re.search(r"\ba\s+$", en[:m.start()]))
              and not re.search(r"[A-Za-z]-$", en[:m.start()])]  # COVID-19: a name, not a number
    if not tokens:
        return None
    m = rng.choice(tokens)
    token = m.group(0)
    if token[0].isdigit():
        digits = [i for i, c in enumerate(token) if c.isdigit()]
        i = digits[-1] if len(digits) == 1 or rng.random() < 0.5 else digits[0]
        digit = str((int(token[i]) + rng.choice([1, 2, 3])) % 10)
        if i == digits[0] and digit == "0" and len(digits) > 1:
            digit = "9"
        new = token[:i] + digit + token[i + 1:]
    else:
        new = SWAP[token.lower()]
        new = new[0].upper() + new[1:] if token[0].isupper() else new
    return en[:m.start()] + new + en[m.end():], f"{token} -> {new}"


def main() -> None:
    rng = random.Random(14)
    mac, bible = beads("mac-dev", False), beads("bible", True)

    def with_numbers(items, n):
        chosen = [x for x in items if ZH_NUMBER.search(x[1]) or EN_NUMBER.search(x[2])]
        rng.shuffle(chosen)
        return chosen[:n]

    mac_part, bible_part = with_numbers(mac, 150), with_numbers(bible, 150)
    controls = [x for x in mac if not (ZH_NUMBER.search(x[1]) or EN_NUMBER.search(x[2])) and re.search("[一二三四五六七八九十百千万]", x[1])]
    rng.shuffle(controls)
    seeds = []
    for k, line in enumerate((ROOT / "bench" / "data" / "glossary_eval" / "seed_pairs.tsv").read_text(encoding="utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            zh, en = line.split("\t")
            seeds.append((f"seeds/pair/{k}", zh, en))
    rows = [[i, source, "original", "agree", zh, en, ""] for source, items in
            (("mac-dev", mac_part), ("bible", bible_part), ("seeds", seeds), ("mac-dev-control", controls[:25])) for i, zh, en in items]
    originals = [r for r in rows if r[1] != "mac-dev-control"]
    rng.shuffle(originals)
    injected = []
    for r in originals:
        if len(injected) == 140:
            break
        changed = inject(r[5], rng)
        if changed:
            injected.append([r[0] + "/injected", r[1], "injected", "mismatch", r[4], changed[0], changed[1]])
    print("id\tsource\tkind\tlabel\tzh\ten\tnote")
    for r in rows + injected:
        print("\t".join(c.replace("\t", " ").replace("\n", " ") for c in r))


if __name__ == "__main__":
    main()
