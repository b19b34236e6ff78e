"""What every rule is: a stable code, a name for the pattern it flags, a default severity, a doc
(What it flags / Why it matters / Example / Use instead) and options with defaults."""

from __future__ import annotations

from jdfix.engine.analysis import Analysis
from jdfix.errors import ConfigError
from jdfix.records import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any, ClassVar

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
DOC_SECTIONS = ("What it flags", "Why it matters", "Example", "Use instead")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found in one posting."""

    code: str
    name: str
    severity: str
    message: str
    line: int | None
    about_title: bool
    # Whether it judges the title against the duties (family, level): only those make `mismatch`.
    # The title-wording rules (JD4xx) are about the title but not about its fit.
    judges_fit: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "message": self.message, "line": self.line, "about_title": self.about_title}


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    about_title: ClassVar[bool] = False  # a finding about the title: its fix is a corrected title
    judges_fit: ClassVar[bool] = True  # with about_title: the title does not fit the duties (`mismatch`)
    options: ClassVar[Mapping[str, float | int | str]] = {}

    def __init__(self, severity: str | None = None, **options: Any) -> None:
        unknown = set(options) - set(self.options)
        if unknown:
            raise ConfigError(f"rule {self.code}: unknown option {sorted(unknown)[0]!r}")
        if severity is not None and severity not in SEVERITIES:
            raise ConfigError(f"rule {self.code}: severity must be one of {', '.join(SEVERITIES)}")
        self.effective_severity = severity or self.severity
        self.opts: dict[str, Any] = dict(self.options)
        for key, value in options.items():
            expected = type(self.options[key])
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if expected in (int, float) and not number:
                raise ConfigError(f"rule {self.code}: option {key!r} must be a number")
            if expected in (int, float) and not (value >= 0 and value == value and value != float("inf")):
                raise ConfigError(f"rule {self.code}: option {key!r} must be a finite number >= 0")
            if expected is str and not isinstance(value, str):
                raise ConfigError(f"rule {self.code}: option {key!r} must be a string")
            self.opts[key] = float(value) if expected is float else value

    def finding(self, message: str, line: int | None) -> Finding:
        return Finding(self.code, self.name, self.effective_severity, message, line, self.about_title,
                       self.about_title and self.judges_fit)

    def check(self, analysis: Analysis) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> dict[str, str]:
        """The four parts of the rule's docstring, by heading."""
        text = (cls.__doc__ or "").strip()
        parts: dict[str, str] = {}
        current: str | None = None
        lines: list[str] = []
        for raw in text.splitlines():
            line = raw.strip()
            heading = line.rstrip(":")
            if heading in DOC_SECTIONS:
                if current:
                    parts[current] = "\n".join(lines).strip()
                current, lines = heading, []
            elif current:
                lines.append(line)
        if current:
            parts[current] = "\n".join(lines).strip()
        return parts


def title_line(analysis: Analysis) -> int | None:
    return analysis.document.title.line if analysis.document.title else None


def family_name(analysis: Analysis, family: str | None) -> str:
    if family is None:
        return "unknown"
    fam = analysis.book.families.get(family)
    return fam.name if fam else family


def quotes(analysis: Analysis, family: str, limit: int = 2) -> str:
    """A few of the strongest phrases that spoke for `family`, quoted, for a message: the role
    book's phrases first (they name the work), then words the learned layer weighed."""
    found: list[tuple[bool, float, str]] = []
    for u in analysis.units:
        for e in u.evidence:
            if e.family == family:
                found.append((e.weight == "L", -(e.points * u.weight), e.quote))
    seen: list[str] = []
    for _, _, q in sorted(found):
        q = " ".join(q.split())
        if q.lower() not in (s.lower() for s in seen):
            seen.append(q)
        if len(seen) >= limit:
            break
    return ", ".join(f'"{q}"' for q in seen)
