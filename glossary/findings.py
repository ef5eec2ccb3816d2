"""Finding: one problem a check or a scan reports, with a severity a CI pipeline can act on."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("info", "warning", "error")

# rule → (severity, what it means); the CLI's --help lists these
RULES = {
    "missing-rendering": ("warning", "a glossary term is in the Chinese but none of its approved renderings is in the English"),
    "forbidden-rendering": ("error", "the English uses a rendering the glossary forbids"),
    "wrong-case": ("warning", "the approved rendering is there but in the wrong case (industrial Internet ≠ Industrial Internet)"),
    "number-mismatch": ("error", "a number on one side (digits, 两千零五, 三千五百, \"two hundred\", a counted 两个) has no counterpart on the other "
                        "(5000万 ≠ 5 million; 三千多 accepts 3,200; names and idioms like 统一, 十分 are no numbers)"),
    "han-in-target": ("warning", "Chinese characters left in the English"),
    "empty-target": ("error", "the English is empty while the Chinese is not"),
    "untranslated": ("error", "the English is a copy of the Chinese or mostly Chinese"),
    "variant-spelling": ("info", "a glossary rendering written with other hyphens/spaces (Hong Kong Macao, ecommerce)"),
    "inconsistent-case": ("warning", "one document writes a rendering in two cases (industrial Internet / Industrial Internet)"),
    "name-drift": ("warning", "one name or term written several ways in one English document (Federation of Industry Think Tank ×2 / "
                              "Federation of Industry and Commerce Think Tank ×3): a glossary candidate"),
}


def severity_rank(severity: str) -> int:
    try:
        return SEVERITIES.index(severity.lower())
    except ValueError:
        from align.core.errors import UsageError

        raise UsageError(f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}") from None


@dataclass(frozen=True)
class Finding:
    """``bead`` is the bead id (check) or ``line:column`` (scan); ``term`` the Chinese term (or the
    English rendering when there is no Chinese side); ``expected`` what the glossary wants;
    ``found`` what the text has (empty when nothing was found)."""

    bead: str
    rule: str
    term: str
    expected: str
    found: str
    severity: str
    note: str = ""
    concept: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def at_or_above(findings, severity: str) -> list[Finding]:
    rank = severity_rank(severity)
    return [f for f in findings if severity_rank(f.severity) >= rank]
