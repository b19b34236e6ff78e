"""What a title carries besides the job's name, and the title with it taken out (JD401-JD406).

A title is read as segments: the parts between separators (" - ", " | ", "_", "~", ", ") and
bracket groups. The segments that name a role are the job's name; the others are a qualifier
(a team: "Senior Data Engineer, Payments") and stay, or are something that belongs in another
field of the posting (location, pay, employment type, company, dates, calls to apply, codes) and
move out. Inside the kept segments the words are judged one by one: gendered job words, jargon
in place of a job's name, internal level codes, abbreviations, shouting, `!`, `*` and emoji.

The word lists are data: `title_words.toml` beside this module.
"""

from __future__ import annotations

import os

from jdfix.engine.regexes import IGNORECASE, escape, find_word, group_1, regex
from jdfix.memo import memo
from jdfix.paths import cached_data
from jdfix.records import dataclass, replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from typing import Any

_SEPARATOR_RE = regex(r"\s+[-–—|~•·/]\s+|\s*[–—|•·~]\s*|_|\s*,\s+|(?<=\S)/\s+")
_INNER_SEPARATOR_RE = regex(r"\s*[-–—|~•·/,_]\s*|\s+-\s+")
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_LEADING_CODE_RE = regex(r"^([A-Z][A-Z0-9]{1,5})-(?=[A-Z])")
_WORD_RE = regex(r"[^\W_]+(?:[.'’&+#][^\W_]+)*\.?")
_CURRENCY = r"(?:[$€£¥₹₫]|\b(?:usd|eur|gbp|chf|cad|aud|sgd|vnd|inr|jpy|sek|nok|dkk|pln)\b)"
_AMOUNT = r"\d[\d,.]*\s?(?:k|m|mil|million|tr|triệu)?"
PAY_AMOUNT_RE = regex(
    rf"{_CURRENCY}\s?{_AMOUNT}|\b{_AMOUNT}\s?{_CURRENCY}|\b\d+(?:[.,]\d+)?\s?(?:mil|million|triệu)\b",
    IGNORECASE,
)
_PAY_WORDS = frozenset({"salary", "upto", "gross", "net", "pay", "ote", "package", "compensation", "wage"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "january", "february", "march", "april", "june", "july", "august", "september", "october",
           "november", "december")
_DATE_RE = regex(rf"\b(?:{'|'.join(_MONTHS)})\b\.?|\b20\d\d\b|\bq[1-4]\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b",
                      IGNORECASE)
_DATE_WORDS = frozenset({"start", "starting", "from", "date", "deadline", "closes", "closing", "until", "by"})
_REQ_RE = regex(
    r"\s*[(\[]?\s*(?:\b(?:req(?:uisition)?|job\s*id|job\s*no\.?|ref(?:erence)?|vacancy\s*(?:id|no\.?)|id)"
    r"\s*[#:.\-]?\s*[A-Z]{0,4}-?\d{2,}|#\s?\d{3,}|\b(?:REQ|JR|JID)-?\d{2,})\s*[)\]]?",
    IGNORECASE,
)
_LEVEL_CODE_RE = regex(r"(?<![\w-])(?:(?:L|IC|E|P)\d|(?:grade|band)\s+[A-Z0-9]{1,3})(?![\w-])", IGNORECASE)
_ROMAN_END_RE = regex(r"\s+(I{1,3}|IV)$")
_NUMBER_ONLY_RE = regex(r"^#?\d{3,}$")
_EMOJI_RE = regex("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]")
_COLON_RE = regex(r"^([^:]+):\s+(.+)$")
_BREAKING_SEP_RE = regex(r"[-–—|:]")
_ABBREVIATION_RE = regex(r"(?<![\w.])([A-Za-z]+)(\.?)(?![\w])")
_LONG_WORD_RE = regex(r"[^\W\d_]{4,}")
_EMPTY_BRACKETS_RE = regex(r"\(\s*\)|\[\s*\]")
_SPACE_BEFORE_CLOSE_RE = regex(r"\s+([,)\]])")
_DIGIT_RE = regex(r"\d")
_NUMBER_TOKEN_RE = regex(r"\d+[a-z]?")
_HYPHENATED_WORD_RE = regex(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LETTERS_RE = regex(r"(?<![\w])[^\W\d_]+(?![\d])")
_LONE_STAR_RE = regex(r"(?<![^\W\d_])\*|\*(?![^\W\d_])")
_SENIORITY_WORDS = frozenset({"senior", "sr", "sr.", "junior", "jr", "jr.", "lead", "principal", "staff", "head",
                              "associate", "graduate", "chief", "director", "intern", "trainee", "entry",
                              "experienced", "mid", "midweight", "snr"})
_SLOGAN_RES = (
    regex(r"^(?P<company>.+?)\s+(?:is|are)\s+(?:looking for|hiring|seeking|searching for)\s+"
               r"(?:an?\s+|our\s+(?:next\s+)?|new\s+)?(?P<role>.+)$", IGNORECASE),
    regex(r"^(?P<company>.+?)\s+(?:seeks|wants|needs)\s+(?:an?\s+)?(?P<role>.+)$", IGNORECASE),
    regex(r"^join\s+(?P<company>.+?)\s+as\s+(?:an?\s+|our\s+)?(?P<role>.+)$", IGNORECASE),
)
_URGENT_PREFIX_RE = regex(r"^((?:urgent(?:ly)?|now hiring|hiring|we'?re hiring|immediate start)\b[!*]*)"
                               r"\s*[:!*-]*\s+", IGNORECASE)
_LABELS = frozenset({"role", "job", "vacancy", "opening", "job opening", "position", "project", "new role",
                     "we are hiring", "we're hiring", "now hiring"})


WORDS_PATH = os.path.join(os.path.dirname(__file__), "title_words.toml")  # a str: no pathlib on the check path


@memo(maxsize=1)
def words() -> dict[str, Any]:
    """The word lists of title_words.toml (parsed once, then read from the cache folder)."""
    def parse() -> dict[str, Any]:
        import tomllib  # only when the file changed: parsing TOML cost every run a few ms

        with open(WORDS_PATH, encoding="utf-8") as fh:
            return tomllib.loads(fh.read())

    data: dict[str, Any] = cached_data(WORDS_PATH, "title-words", parse)
    return data


@memo(maxsize=1)
def _tables() -> _Tables:
    return _Tables(words())


class _Tables:
    """The word lists compiled for matching."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.gendered: dict[str, str] = data["gendered"]
        self.marker = regex(data["marker"]["pattern"], IGNORECASE)
        self.jargon = frozenset(data["jargon"]["words"])
        self.level_codes: dict[str, str] = data["level_codes"]
        self.abbreviations: dict[str, str] = data["abbreviations"]
        self.ambiguous: dict[str, list[list[str]]] = data["ambiguous"]
        stuffing = data["stuffing"]
        self.work_mode = frozenset(stuffing["work_mode"])
        self.employment = frozenset(stuffing["employment"])
        self.urgent = frozenset(stuffing["urgent"])
        self.places = frozenset(stuffing["places"])
        self.fillers = frozenset({"and", "or", "in", "from", "only", "first", "city", "area", "based", "office",
                                  "metro", "greater", "region", "state", "county", "district"})
        self.company_suffixes = frozenset(stuffing["company_suffixes"])
        self.acronyms = frozenset(stuffing["acronyms"])
        self.small_words = frozenset(stuffing["small_words"])
        self.role_nouns = frozenset(data["role_nouns"]["words"])
        self.gendered_re = _phrase_re(self.gendered)
        self.jargon_re = _phrase_re(self.jargon)
        self.multi = {k for k in (*self.places, *self.work_mode, *self.employment, *self.urgent, *_LABELS) if " " in k}


def _phrase_re(phrases: Any) -> re.Pattern[str]:
    # Longest first, then alphabetical: the pattern must be the same string in every process (a
    # frozenset's order changes with the hash seed), or regex() compiles and stores it anew each run.
    alts = sorted((escape(p).replace(r"\ ", r"\s+") for p in phrases), key=lambda a: (-len(a), a))
    return regex(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", IGNORECASE)


@dataclass(frozen=True, slots=True)
class Segment:
    """One part of a title: its text, what it is, and the separator before it ("" first)."""

    text: str
    kind: str  # role | qualifier | marker | location | pay | employment | company | date | urgent | label | code
    sep: str = ""
    open: str = ""  # the bracket around it, if any
    close: str = ""

    @property
    def kept(self) -> bool:
        return self.kind in ("role", "qualifier", "marker")

    def render(self) -> str:
        return f"{self.open}{self.text}{self.close}"


MOVED_KINDS = ("location", "pay", "employment", "company", "date", "urgent", "label")
MILD_KINDS = frozenset({"location", "employment", "company", "label"})
WHERE = {
    "location": "belongs in the location field: jobLocation, a Location: line",
    "pay": "belongs in the pay field: baseSalary, a Pay: line",
    "employment": "belongs in the employment-type field: employmentType",
    "company": "belongs in the hiring-organisation field: hiringOrganization",
    "date": "belongs in the posting's dates: datePosted, validThrough",
    "urgent": "belongs in the description, if anywhere",
    "label": "a label, not part of the name",
    "slogan": "belongs in the description: the title is the job's name only",
}


@dataclass(frozen=True, slots=True)
class TitleWording:
    """A title read for JD401-JD406: its segments and what its words carry."""

    text: str
    segments: tuple[Segment, ...]
    slogan: str | None  # "The Tor Project is looking for": the words before the job's name
    marker: str | None  # "(m/f/d)": makes the title gender-neutral
    gendered: tuple[tuple[str, str], ...]  # (word as written, neutral form)
    jargon: tuple[str, ...]
    codes: tuple[tuple[str, str], ...]  # (code as written, level word or "")
    abbreviations: tuple[tuple[str, str], ...]  # (as written, spelled out)
    marks: tuple[str, ...]  # "!", "*", "emoji", "capitals"

    @property
    def moved(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind in MOVED_KINDS)

    @property
    def roles(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind == "role")


def read_wording(title: str, body: str = "") -> TitleWording:
    """Read `title` (`body`, the rest of the posting, tells a company name from a team). Never raises."""
    return _read(" ".join(title.split()), body)


@memo(maxsize=256)
def _read(text: str, body: str) -> TitleWording:
    t = _tables()
    slogan: str | None = None
    work = text
    for rx in _SLOGAN_RES:
        m = rx.match(work)
        if m and _has_role(m.group("role"), t):
            slogan, work = m.group("company"), m.group("role")
            break
    segments = _segments(work, t, body)
    marker_m = t.marker.search(text)
    kept = " ".join(s.text for s in segments if s.kind == "role")
    gendered = tuple((m.group(), t.gendered[" ".join(m.group().lower().split())]) for m in t.gendered_re.finditer(kept))
    jargon = tuple(m.group() for m in t.jargon_re.finditer(kept))
    codes = tuple(c for s in segments if s.kept for c in _codes_in(s.text, t))
    codes += tuple((s.text, "") for s in segments if s.kind == "code")
    abbreviations = tuple(a for s in segments if s.kind == "role" for a in _abbreviations_in(s.text, text, t))
    marks: list[str] = []
    if "!" in text:
        marks.append("!")
    if _LONE_STAR_RE.search(text.replace("(*)", "")):
        marks.append("*")
    if _EMOJI_RE.search(text):
        marks.append("emoji")
    if _shouting(" ".join(s.text for s in segments if s.kept), t):
        marks.append("capitals")
    return TitleWording(text, segments, slogan, marker_m.group() if marker_m else None, gendered, jargon,
                        codes, abbreviations, tuple(marks))


def _words(text: str) -> list[str]:
    return [w.lower().rstrip(".") if w.lower() not in ("sr.", "jr.") else w.lower() for w in _WORD_RE.findall(text)]


def _has_role(text: str, t: _Tables) -> bool:
    ws = _words(text)
    if any(w in t.role_nouns or w in t.gendered for w in ws):
        return True
    if t.gendered_re.search(text):
        return True
    return any(w.upper() == w and w in t.abbreviations and len(w) <= 3 for w in _WORD_RE.findall(text))


def _split(text: str, rx: re.Pattern[str]) -> list[tuple[str, str]]:
    """(separator before, part) of `text` split by `rx`, bracket groups kept whole."""
    parts: list[tuple[str, str]] = []
    sep = ""
    buf = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _BRACKETS:
            close = text.find(_BRACKETS[ch], i + 1)
            if close > 0:
                if buf.strip():
                    parts.append((sep, buf.strip()))
                    sep = " "
                elif buf:
                    sep = sep or buf
                parts.append((sep, text[i : close + 1]))
                sep, buf, i = "", "", close + 1
                continue
        m = rx.match(text, i)
        if m and m.end() > i:
            if buf.strip():
                parts.append((sep, buf.strip()))
                sep = m.group()
            else:
                sep = (sep + m.group()) if parts else ""
            buf, i = "", m.end()
            continue
        buf += ch
        i += 1
    if buf.strip():
        parts.append((sep, buf.strip()))
    # A separator glued to a bracket ("(Remote)" after a role) is a space.
    return [(s if s.strip() or not p.startswith(tuple(_BRACKETS)) else " ", p) for s, p in parts]


def _segments(text: str, t: _Tables, body: str) -> tuple[Segment, ...]:
    m = _LEADING_CODE_RE.match(text)
    head: list[tuple[str, str]] = []
    if m and _has_role(text[m.end():], t) and not _has_role(m.group(1), t):
        head, text = [("", m.group(1))], text[m.end():]
    urgent = _URGENT_PREFIX_RE.match(text)
    if urgent and _has_role(text[urgent.end():], t):
        head, text = [*head, ("", urgent.group(1))], text[urgent.end():]
    colon = _COLON_RE.match(text)
    if colon and _plain_kind(colon.group(1), t):
        head, text = [*head, ("", colon.group(1))], colon.group(2)
    raw = head + _split(text, _SEPARATOR_RE)
    if head and len(raw) > len(head):
        raw[len(head)] = ("-" if m else " ", raw[len(head)][1])
    segs: list[Segment] = []
    for sep, part in raw:
        if part[:1] in _BRACKETS and part.endswith(_BRACKETS[part[0]]):
            segs.append(Segment(part[1:-1].strip(), "", sep, part[0], part[-1]))
        else:
            segs.append(Segment(part, "", sep))
    roles_outside = any(not s.open and _has_role(s.text, t) for s in segs)
    out: list[Segment] = []
    seen_role = False
    for n, s in enumerate(segs):
        # A company name stands apart from the job's name: "Yojee - Engineering Manager", "[SAP]",
        # never "Diversity, Equity & Inclusion Program Manager" or "Senior Product / Service Designer".
        next_sep = segs[n + 1].sep if n + 1 < len(segs) else ""
        apart = s.open == "[" or bool(_BREAKING_SEP_RE.search(next_sep))
        if s.open and _has_role(s.text, t) and not roles_outside and not seen_role:
            # "[Software Development Manager - Business Network]": the job's name in brackets.
            for k, (sep, part) in enumerate(_split(s.text, _SEPARATOR_RE)):
                kind = _kind(part, t, body, seen_role, apart=False)
                out.append(Segment(part, kind, s.sep if k == 0 else sep))
                seen_role = seen_role or kind == "role"
            continue
        kind = _kind(s.text, t, body, seen_role, apart, bracketed=bool(s.open))
        out.append(replace(s, kind=kind))
        seen_role = seen_role or kind == "role"
    if not any(s.kind == "role" for s in out):
        # No role word at all ("Python Ninja", "Data Science"): the first kept part is the name.
        for n, s in enumerate(out):
            if s.kind == "qualifier":
                out[n] = replace(s, kind="role")
                break
    if out and out[0].sep:
        out[0] = replace(out[0], sep="")
    return tuple(out)


def _kind(text: str, t: _Tables, body: str, seen_role: bool, apart: bool, bracketed: bool = False) -> str:
    """What one segment is. `apart`: set off by a dash, bar, colon or brackets (a company may be)."""
    low = " ".join(text.lower().split())
    if not low or low in _LABELS:
        return "label"
    if t.marker.fullmatch(f"({low})") or t.marker.fullmatch(low):
        return "marker"
    if _NUMBER_ONLY_RE.match(low) or _REQ_RE.fullmatch(text):
        return "code"
    if PAY_AMOUNT_RE.search(text) or (set(_words(low)) & _PAY_WORDS and _DIGIT_RE.search(low)):
        return "pay"
    if _has_role(text, t):
        return "role"
    if bracketed:
        parts = [p for p in _INNER_SEPARATOR_RE.split(text) if p.strip()]
        kinds = {_plain_kind(p, t) for p in parts}
        if parts and None not in kinds:
            return _main_kind(kinds)
    else:
        kind = _plain_kind(text, t)
        if kind:
            return kind
    if not seen_role and apart and _company(text, t, body):
        return "company"
    return "qualifier"


def _main_kind(kinds: set[str | None]) -> str:
    for k in ("pay", "urgent", "date", "location", "employment", "label", "company"):
        if k in kinds:
            return k
    return "qualifier"


def _plain_kind(text: str, t: _Tables) -> str | None:
    """location | employment | urgent | date | pay, when every word of `text` is one; else None."""
    low = " ".join(text.lower().split())
    if low in _LABELS:
        return "label"
    if PAY_AMOUNT_RE.search(text):
        return "pay"
    tokens = _tokens(low, t)
    if not tokens:
        return None
    kinds: set[str] = set()
    for tok in tokens:
        if tok in t.places or tok in t.work_mode:
            kinds.add("location" if tok not in t.fillers else "filler")
        elif tok in t.employment:
            kinds.add("employment")
        elif tok in t.urgent:
            kinds.add("urgent")
        elif tok in _LABELS:
            kinds.add("label")
        elif _DATE_RE.fullmatch(tok) or tok in _DATE_WORDS:
            kinds.add("date")
        elif _NUMBER_TOKEN_RE.fullmatch(tok):
            kinds.add("filler")
        else:
            return None
    kinds.discard("filler")
    if not kinds:
        return None
    for k in ("urgent", "date", "location", "employment", "label"):
        if k in kinds:
            return k
    return None


def _tokens(low: str, t: _Tables) -> list[str]:
    """Words of `low`, multi-word entries of the lists taken as one."""
    ws = _HYPHENATED_WORD_RE.findall(low)
    out: list[str] = []
    i = 0
    while i < len(ws):
        for n in (4, 3, 2):
            cand = " ".join(ws[i : i + n])
            if len(ws) - i >= n and cand in t.multi:
                out.append(cand)
                i += n
                break
        else:
            out.append(ws[i])
            i += 1
    return out


def _company(text: str, t: _Tables, body: str) -> bool:
    """A segment before the job's name that is a company: a legal suffix, or a name the posting repeats."""
    ws = _words(text)
    if not ws or set(ws) & _SENIORITY_WORDS:
        return False
    if ws[-1] in t.company_suffixes:
        return True
    name = " ".join(text.lower().split())
    # The body is lowercased here, for the few titles that get this far, not for every posting
    # (a posting's whole text, lowercased letter by letter where it is not ASCII).
    return len(name) >= 2 and bool(body) and find_word(body.lower(), name) != -1


def _codes_in(text: str, t: _Tables) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for m in _REQ_RE.finditer(text):
        found.append((m.group().strip(), ""))
    for m in _LEVEL_CODE_RE.finditer(text):
        code = m.group()
        found.append((code, t.level_codes.get(code.lower(), "")))
    m2 = _ROMAN_END_RE.search(text)
    if m2 and len(text.split()) > 1:
        found.append((m2.group(1), t.level_codes.get(m2.group(1).lower(), "")))
    return found


def _abbreviations_in(segment: str, title: str, t: _Tables) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    low_title = title.lower()
    for m in _ABBREVIATION_RE.finditer(segment):
        word, dot = m.group(1), m.group(2)
        key = (word + dot).lower() if (word + dot).lower() in t.abbreviations else word.lower()
        expansion = t.abbreviations.get(key)
        if expansion is None:
            continue
        role_code = " " in expansion  # "PM", "BA": capitals only, never "pm" or "Ba"
        if role_code and word != word.upper():
            continue  # "Po", "pm": not the role codes
        if not role_code and not word[:1].isupper():
            continue
        if expansion.lower() in low_title:
            continue  # explained: "Technical Program Manager (TPM)"
        found.append((m.group(), expansion))
    return found


def _shouting(text: str, t: _Tables) -> bool:
    """Capitals used for emphasis: two long all-caps words, or a role word in capitals."""
    caps = [w for w in _LONG_WORD_RE.findall(text) if w.isupper() and w.lower() not in t.acronyms]
    return len(caps) >= 2 or any(w.lower() in t.role_nouns or w.lower() in t.gendered for w in caps)


# The fixes, each a function of a title string, so any selection of them composes.


def title_case(text: str) -> str:
    """A shouted title in title case, acronyms kept ("TECHNICAL SCRUM MASTER" -> "Technical Scrum Master")."""
    t = _tables()

    def one(m: re.Match[str]) -> str:
        w = m.group()
        low = w.lower()
        if low in t.acronyms:
            return w.upper()
        if not w.isupper() or len(w) < 2:
            return w
        if m.start() and low in t.small_words:
            return low
        return w[:1] + w[1:].lower()

    return _LETTERS_RE.sub(one, text)


def strip_marks(text: str) -> str:
    text = _EMOJI_RE.sub("", text.replace("!", ""))
    text = _LONE_STAR_RE.sub("", text.replace("(*)", ""))
    return _tidy(text)


def _tidy(text: str) -> str:
    text = _EMPTY_BRACKETS_RE.sub("", text)
    text = _SPACE_BEFORE_CLOSE_RE.sub(group_1, " ".join(text.split()))
    return text.strip(" -–—|_~•·,:/")


def render(segments: tuple[Segment, ...] | list[Segment]) -> str:
    out = ""
    for s in segments:
        piece = s.render()
        sep = s.sep if out else ""
        if out and not sep and out[-1:].isalnum() and piece[:1].isalnum():
            sep = " "  # the separator went with a segment that moved out
        out += sep + piece
    return _tidy(out)


def without_codes(text: str) -> str:
    """`text` with internal codes and level codes taken out, the level in words where one is implied."""
    t = _tables()
    level = ""
    for _code, word in _codes_in(text, t):
        level = level or word
    text = _REQ_RE.sub(" ", text)
    text = _LEVEL_CODE_RE.sub(" ", text)
    text = _ROMAN_END_RE.sub("", text) if len(text.split()) > 1 else text
    text = _tidy(text)
    if level and not ({w.lower() for w in text.split()} & _SENIORITY_WORDS):
        text = f"{level} {text}"
    return text


def neutral(text: str) -> str:
    t = _tables()
    return _tidy(t.gendered_re.sub(lambda m: t.gendered[" ".join(m.group().lower().split())], text))


def spelled_out(text: str, pick: Callable[[str], str | None] | None = None) -> str:
    """`text` with its abbreviations spelled out; `pick(abbreviation)` chooses for an ambiguous one."""
    t = _tables()
    for written, expansion in _abbreviations_in(text, text, t):
        key = written.rstrip(".").lower()
        chosen = pick(key) if pick is not None and key in t.ambiguous else None
        # The first whole-word `written` not after a dot (re.sub(..., count=1) did this; the word
        # lists hold no backslash, which its template would have read).
        at = find_word(text, written, ".")
        if at != -1:
            text = text[:at] + (chosen or expansion) + text[at + len(written):]
    return _tidy(text)


def without_jargon(text: str, name: str | None) -> str | None:
    """`text` with jargon words taken out. When a jargon word is the job's name itself ("Data Wizard",
    "Developer Evangelist") the role named by the duties (`name`) takes its place; None when there is none."""
    t = _tables()
    found = list(t.jargon_re.finditer(text))
    if not found:
        return text
    m = found[-1]
    after = text[m.end():]
    head = not _has_role(after, t)
    if head:
        if name is None:
            return None
        kept = [w for w in text[: m.start()].split() if w.lower().rstrip(".") in _SENIORITY_WORDS]
        return _tidy(" ".join([*kept, name]) + after)
    return _tidy(t.jargon_re.sub("", text))


def has_role(text: str) -> bool:
    """Whether `text` names a role (a role word or a gendered job word)."""
    return _has_role(text, _tables())


def corrected(wording: TitleWording, fixes: frozenset[str] | set[str],
              pick: Callable[[str], str | None] | None = None, name: str | None = None) -> str | None:
    """The title with the chosen fixes applied: "stuffing" (segments moved out, marks, capitals),
    "codes", "gendered", "abbreviations", "jargon". None when a fix asked for has no safe form
    (jargon as the job's name with no role named by the duties)."""
    segments = [s for s in wording.segments
                if s.kept or (s.kind == "code" and "codes" not in fixes)
                or (s.kind in MOVED_KINDS and "stuffing" not in fixes)]
    out: list[Segment] = []
    for s in segments:
        text = s.text
        if "stuffing" in fixes and s.kept:
            text = strip_marks(text)
            if "capitals" in wording.marks:
                text = title_case(text)
        if "codes" in fixes and s.kept:
            text = without_codes(text)
        if s.kind == "role":
            if "gendered" in fixes and not wording.marker:
                text = neutral(text)
            if "abbreviations" in fixes:
                text = spelled_out(text, pick)
            if "jargon" in fixes:
                fixed = without_jargon(text, name)
                if fixed is None:
                    return None
                text = fixed
        if text:
            out.append(replace(s, text=text))
    if out and out[0].sep:
        out[0] = replace(out[0], sep="")
    result = render(out)
    if "stuffing" not in fixes and wording.slogan:
        return wording.text if result == render(list(wording.segments)) else result
    return result or None


def one_role(wording: TitleWording, name: str) -> str:
    """The title with its several role names replaced by one (`name`), seniority words and
    qualifiers kept: "Senior Product Owner / Business Analyst - Payments" -> "Senior Product Owner - Payments"."""
    out: list[Segment] = []
    for s in wording.segments:
        if s.kind != "role":
            out.append(s)
        elif not any(o.kind == "role" for o in out):
            kept = [w for w in s.text.split() if w.lower().rstrip(".") in _SENIORITY_WORDS
                    and not name.lower().startswith(w.lower())]
            out.append(replace(s, text=" ".join([*kept, name])))
    if out and out[0].sep:
        out[0] = replace(out[0], sep="")
    return render(out)
