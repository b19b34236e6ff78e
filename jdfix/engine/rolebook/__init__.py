"""The role book: role families, their title aliases and duty signals, and seniority cues.

Everything here is data read from TOML files (ROLES.md turned into patterns). A team adds its own
families as more TOML files in the same format; they take part in inference like the built-in ones.
"""

from __future__ import annotations

import os
import sys

from jdfix.engine.phrases import PatternError, PhraseIndex, expand_pattern, stems_of
from jdfix.engine.regexes import IGNORECASE, escape, regex
from jdfix.errors import RoleBookError
from jdfix.memo import memo
from jdfix.paths import blake2b_16, cache_folder, read_toml, unmarshal_bytes, write_marshal
from jdfix.records import dataclass, fields, replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import re
    from typing import Any

# Paths as strings (os.path): pathlib is not imported on the check path (see jdfix.paths).
HERE = os.path.dirname(os.path.realpath(__file__))
FAMILIES_DIR = os.path.join(HERE, "families")
SENIORITY_FILE = os.path.join(HERE, "seniority.toml")
GENERIC_FILE = os.path.join(HERE, "generic.toml")

WEIGHTS = {"S": 3.0, "M": 2.0, "W": 1.0}
COMPILED_FORMAT = 17  # bump when RoleBook's compiled form changes
SENIORITY_LEVELS = ("junior", "mid", "senior", "staff", "principal", "lead", "manager", "director", "executive")

_FAMILY_KEYS = {"id", "name", "summary", "source", "people_manager_title", "group", "includes", "people_of", "aliases",
                "fields", "not_after",
                "needs_decisive", "decides_over", "level",
                "signal", "counter"}
_SIGNAL_KEYS = {"weight", "note", "match", "people", "context", "decisive", "holds_title"}
_COUNTER_KEYS = {"family", "weight", "note", "match"}
_CUE_LEVELS = ("junior", "senior", "people", "director", "executive")


@dataclass(frozen=True, slots=True)
class Signal:
    """A duty signal: patterns that, when found in a duty, are evidence for `family`."""

    family: str
    weight: str
    note: str
    patterns: tuple[str, ...]
    listed_by: str  # the family whose file lists it (differs from `family` for counter-signals)
    # A people-management signal (hiring, 1:1s, reviews) speaks to seniority first. It counts for
    # its family only as far as the posting also carries that family's (or `context`'s) own work.
    people: bool = False
    context: tuple[str, ...] = ()
    # Work that tells this family from its neighbours (ROLES.md's "decisive" duties): see
    # RoleFamily.needs_decisive.
    decisive: bool = False
    # Decisive too, but only under this family's own title: a Product Manager posting with customer
    # discovery is a Product Manager's even without strategy or pricing (ROLES.md §1.4, notes).
    holds_title: bool = False

    @property
    def points(self) -> float:
        return WEIGHTS[self.weight]


@dataclass(frozen=True, slots=True)
class RoleFamily:
    """One role family of the role book."""

    id: str
    name: str
    summary: str
    source: str
    people_manager_title: bool
    aliases: tuple[str, ...]
    path: str
    group: str = ""  # neighbours share a group (product, delivery, engineering, data, design)
    # Families whose work this role's postings routinely carry too (a Tech Lead codes): duties of
    # theirs are no sign that the title is wrong.
    includes: tuple[str, ...] = ()
    # Words naming the staff this role manages ("engineers"): managing people counts as this
    # family's work only in a posting that names them; elsewhere it is a level, not a job.
    people_of: tuple[str, ...] = ()
    # Neighbours a posting with this title is read as only when its duties carry that neighbour's
    # decisive work (its signals marked `decisive`, or this file's counter-signals for it): a
    # Product Owner who writes the product vision is still a Product Owner; one who sets prices
    # is a Product Manager (ROLES.md §1.4).
    needs_decisive: tuple[str, ...] = ()
    # Neighbours whose reading this family takes where the evidence leaves the two near a tie and
    # the duties carry this family's decisive work: duties that read as a project manager's are an
    # Engineering Manager's when the holder owns the people (ROLES.md §9.4).
    decides_over: tuple[str, ...] = ()
    # Names of the discipline ("data science", "product design"): a "<field> Manager", "Head of <field>" or
    # "<field> Lead" leads this family's own work, so the title names this family at a manager's
    # level (ROLES.md §17.4: Manager has its people sense in Design Manager, Data Science Manager).
    fields: tuple[str, ...] = ()
    # Words that, right before one of the family's names in a title, make it another line of
    # work's title: a "Marketing Program Manager" runs marketing campaigns (ROLES.md §8: marketing
    # work is outside the role book), not a portfolio of technology projects.
    not_after: tuple[str, ...] = ()
    # The level the role's name is itself ("lead" for a Tech Lead; ROLES.md §17.2): a junior title
    # over this family's work is a contradiction (JD201). Empty for roles held at any level.
    level: str = ""

    def decisive_notes(self, book_signals: list[Signal] | tuple[Signal, ...], neighbour: str,
                       under_title: bool = False) -> frozenset[str]:
        """The notes of the signals that decide `neighbour` over this family (with `under_title`,
        where the posting carries `neighbour`'s title, those marked `holds_title` too)."""
        return frozenset(s.note for s in book_signals
                         if s.family == neighbour and (s.decisive or s.listed_by == self.id
                                                       or (under_title and s.holds_title)))


@dataclass(frozen=True, slots=True)
class Cue:
    """A seniority cue found in duties (junior, senior, people, director or executive)."""

    level: str
    weight: str
    note: str
    patterns: tuple[str, ...]

    @property
    def points(self) -> float:
        return WEIGHTS[self.weight]


def _values(record: Signal | RoleFamily | Cue) -> tuple[object, ...]:
    """A record's field values in order: its class called with them makes it again."""
    return tuple(getattr(record, f.name) for f in fields(record))


class RoleBook:
    """All families and cues, compiled into phrase indexes for one-pass matching."""

    def __init__(
        self,
        families: dict[str, RoleFamily],
        signals: list[Signal],
        levels: dict[str, int],
        title_tokens: dict[str, tuple[str, ...]],
        cues: list[Cue],
        generic: tuple[str, ...] = (),
    ) -> None:
        self.families = families
        self.signals = tuple(signals)
        self.levels = levels
        self.title_tokens = title_tokens
        self.cues = tuple(cues)
        # One index for duty signals (keys 0..n-1) and seniority cues (keys n..), so each duty is
        # matched in a single pass.
        self.index = PhraseIndex()
        for key, sig in enumerate(self.signals):
            for pattern in sig.patterns:
                self.index.add(key, pattern)
        offset = len(self.signals)
        for key, cue in enumerate(self.cues):
            for pattern in cue.patterns:
                self.index.add(offset + key, pattern)
        # Where a match of each key sorts among a text's matches: strongest first, and of equal
        # strength a decisive signal first (where two overlap, the one that counts is the one that
        # decides between neighbours: "create a product vision and strategy" is strategy work).
        self.match_rank: tuple[float, ...] = tuple(-sig.points - (0.001 if sig.decisive else 0.0)
                                                   for sig in self.signals) + tuple(-cue.points for cue in self.cues)
        # Role names in the body ("work with the product owner") must not vote: their words are
        # replaced by one token, "@<family id>", which only a pattern that names it can use
        # ("coach @delivery-manager"). Generic phrases ("work with stakeholders", "duties as
        # assigned") are masked outright. Keyed by first stem, longest first.
        masks: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        phrases = [(a, "@" + fam.id) for fam in families.values() for a in sorted(title_names(fam))]
        phrases += [(g, "") for g in generic]
        for phrase, token in phrases:
            seq = stems_of(phrase)
            if len(seq) >= 2:
                masks.setdefault(seq[0], []).append((seq, token))
        for entries in masks.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        self.role_name_masks = masks
        self.people_context: dict[str, tuple[str, ...]] = {}
        for sig in self.signals:
            if sig.people:
                merged = dict.fromkeys((*self.people_context.get(sig.family, ()), *sig.context))
                self.people_context[sig.family] = tuple(merged)
        # Per family with `people_of`: one search for any of those words, outside the title.
        self.people_of_re: dict[str, re.Pattern[str]] = {
            fam.id: regex(_first_letter_test(fam.people_of) + r"\b(?:" + "|".join(map(escape, fam.people_of))
                          + r")\b", IGNORECASE)
            for fam in families.values() if fam.people_of
        }
        self.role_name_bigrams = frozenset((seq[0], seq[1]) for entries in masks.values() for seq, _ in entries)
        # jdfix.engine.titles.TitleReader's tables, made here so that they are kept with the
        # compiled book: making them on every run was 4% of a one-file check.
        self.title_tables = _title_tables(families, title_tokens)

    def family(self, family_id: str) -> RoleFamily:
        return self.families[family_id]

    # The compiled book is kept in marshal form, of plain values only: records as the tuples of
    # their fields, patterns as text (regex() builds them from the cache folder) and the phrase
    # index as its packed state. Unpickling needed the pickle module's C half, which imports
    # functools and collections: a tenth of a one-file check, where marshal is already loaded.
    def plain_state(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["families"] = {fid: _values(fam) for fid, fam in self.families.items()}
        state["signals"] = tuple(map(_values, self.signals))
        state["cues"] = tuple(map(_values, self.cues))
        state["index"] = self.index.__getstate__()
        state["people_of_re"] = {fid: p.pattern for fid, p in self.people_of_re.items()}
        return state

    @classmethod
    def from_plain_state(cls, state: dict[str, Any]) -> RoleBook:
        """The book plain_state() describes. Raises TypeError, ValueError or KeyError for a state
        of another shape."""
        state = dict(state)
        state["families"] = {fid: RoleFamily(*values) for fid, values in state["families"].items()}
        state["signals"] = tuple(Signal(*values) for values in state["signals"])
        state["cues"] = tuple(Cue(*values) for values in state["cues"])
        index = PhraseIndex.__new__(PhraseIndex)
        index.__setstate__(state["index"])
        state["index"] = index
        state["people_of_re"] = {fid: regex(p, IGNORECASE) for fid, p in state["people_of_re"].items()}
        book = cls.__new__(cls)
        book.__dict__.update(state)
        return book


# A word of a title, as jdfix.engine.titles reads them ("c++", "r&d").
TITLE_WORD_RE = regex(r"[^\W_]+(?:&[^\W_]+)*[+#]*")

if TYPE_CHECKING:
    TitleTables = tuple[
        dict[str, list[tuple[tuple[str, ...], str, str]]],  # first stem -> (stems, family, alias), longest first
        dict[str, list[tuple[tuple[str, ...], str]]],  # first word -> (words, level) of seniority tokens, longest first
        frozenset[str],  # words that can open a named role ("senior", "product", ...)
    ]


def leader_titles(fam: RoleFamily) -> tuple[str, ...]:
    """The "<field> manager" titles of a family's fields: the one form the title reader needs, as
    "Head of <field>" and "<field> Lead" are read as "<field> manager"."""
    return tuple(f + " manager" for f in fam.fields)


def title_names(fam: RoleFamily) -> set[str]:
    """Every name of a family's role: its name, its aliases and the titles leading its fields."""
    return {fam.name.lower(), *fam.aliases, *leader_titles(fam)}


def _title_tables(families: dict[str, RoleFamily], title_tokens: dict[str, tuple[str, ...]]) -> TitleTables:
    """The alias and seniority tables a TitleReader looks titles up in."""
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for fam in families.values():
        for alias in sorted(title_names(fam)):
            seq = stems_of(alias)
            if seq:
                by_first.setdefault(seq[0], []).append((seq, fam.id, alias))
    for entries in by_first.values():
        entries.sort(key=lambda e: len(e[0]), reverse=True)
    tokens: list[tuple[tuple[str, ...], str]] = []
    for level, words in title_tokens.items():
        for w in words:
            tokens.append((tuple(TITLE_WORD_RE.findall(w.lower())), level))
    tokens.sort(key=lambda t: len(t[0]), reverse=True)
    # Keyed by first word (longest first within each), so a title's words are looked up rather
    # than tried against every token.
    tokens_by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for seq, level in tokens:
        if seq:
            tokens_by_first.setdefault(seq[0], []).append((seq, level))
    openers = frozenset(seq[0] for seq, _ in tokens) | frozenset(
        w for entries in by_first.values() for _, _, alias in entries for w in alias.split()[:1])
    return by_first, tokens_by_first, openers


def _first_letter_test(words: tuple[str, ...]) -> str:
    """A look-ahead for the characters the words start with: the search tries each position of a
    posting, and this one test (ignoring case as the words do) rules out most of them, where
    trying every word took twice as long. Nothing when a word is empty (it matches anywhere)."""
    if not all(words):
        return ""
    return "(?=[" + "".join(escape(c) for c in sorted({w[0] for w in words})) + "])"


def _as_str_list(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RoleBookError(f"{where}: expected a string or a list of strings")
    return tuple(value)


def _load_toml(path: str | os.PathLike[str]) -> dict[str, object]:
    return read_toml(path, RoleBookError)


def load_family(path: str | os.PathLike[str]) -> tuple[RoleFamily, list[Signal]]:
    """Read one family file. Raises RoleBookError naming the file and the problem."""
    data = _load_toml(path)
    unknown = set(data) - _FAMILY_KEYS
    if unknown:
        raise RoleBookError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    for key in ("id", "name"):
        if not isinstance(data.get(key), str) or not str(data.get(key)).strip():
            raise RoleBookError(f"{path}: missing {key!r}")
    for key in ("summary", "source", "group"):
        if key in data and not isinstance(data[key], str):
            raise RoleBookError(f"{path}: {key} must be a string")
    if not isinstance(data.get("people_manager_title", False), bool):
        raise RoleBookError(f"{path}: people_manager_title must be true or false")
    fid = str(data["id"])
    if not fid.replace("-", "").isalnum() or fid != fid.lower():
        raise RoleBookError(f"{path}: id {fid!r} must be lowercase words joined by '-'")
    family = RoleFamily(
        id=fid,
        name=str(data["name"]),
        summary=str(data.get("summary", "")),
        source=str(data.get("source", "")),
        people_manager_title=bool(data.get("people_manager_title", False)),
        aliases=tuple(a.lower().strip() for a in _as_str_list(data.get("aliases", []), f"{path}: aliases")),
        path=str(path),
        group=str(data.get("group", "") or fid),
        includes=tuple(_as_str_list(data.get("includes", []), f"{path}: includes")),
        people_of=tuple(w.lower() for w in _as_str_list(data.get("people_of", []), f"{path}: people_of")),
        needs_decisive=tuple(_as_str_list(data.get("needs_decisive", []), f"{path}: needs_decisive")),
        decides_over=tuple(_as_str_list(data.get("decides_over", []), f"{path}: decides_over")),
        fields=tuple(f.lower().strip() for f in _as_str_list(data.get("fields", []), f"{path}: fields")),
        not_after=tuple(w.lower().strip() for w in _as_str_list(data.get("not_after", []), f"{path}: not_after")),
        level=str(data.get("level", "")),
    )
    if any(not stems_of(w) for w in family.not_after):
        raise RoleBookError(f"{path}: not_after: each entry needs a word a title is read by, not only "
                            f"words like 'the' or 'and'")
    if family.level and family.level not in SENIORITY_LEVELS:
        raise RoleBookError(f"{path}: level must be one of {', '.join(SENIORITY_LEVELS)}")
    signals: list[Signal] = []
    for table, keys in (("signal", _SIGNAL_KEYS), ("counter", _COUNTER_KEYS)):
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise RoleBookError(f"{path}: [[{table}]] must be an array of tables")
        for n, entry in enumerate(entries, 1):
            where = f"{path}: [[{table}]] #{n}"
            if not isinstance(entry, dict):
                raise RoleBookError(f"{where}: not a table")
            bad = set(entry) - keys
            if bad:
                raise RoleBookError(f"{where}: unknown key {sorted(bad)[0]!r}")
            weight = entry.get("weight", "M")
            if not isinstance(weight, str) or weight not in WEIGHTS:
                raise RoleBookError(f"{where}: weight must be S, M or W, not {weight!r}")
            target = entry.get("family", fid) if table == "counter" else fid
            if not isinstance(target, str):
                raise RoleBookError(f"{where}: family must be a string")
            patterns = _as_str_list(entry.get("match", []), f"{where}: match")
            if not patterns:
                raise RoleBookError(f"{where}: no match patterns")
            for pattern in patterns:
                try:
                    expand_pattern(pattern)
                except PatternError as exc:
                    raise RoleBookError(f"{where}: {exc}") from None
            people = entry.get("people", False)
            if not isinstance(people, bool):
                raise RoleBookError(f"{where}: people must be true or false")
            context = _as_str_list(entry.get("context", []), f"{where}: context")
            decisive = entry.get("decisive", False)
            if not isinstance(decisive, bool):
                raise RoleBookError(f"{where}: decisive must be true or false")
            holds_title = entry.get("holds_title", False)
            if not isinstance(holds_title, bool):
                raise RoleBookError(f"{where}: holds_title must be true or false")
            signals.append(Signal(target, weight, str(entry.get("note", "")), patterns, fid, people, context, decisive,
                                  holds_title))
    return family, signals


def _load_seniority(path: str) -> tuple[dict[str, int], dict[str, tuple[str, ...]], list[Cue]]:
    data = _load_toml(path)
    levels_raw = data.get("levels", {})
    if not isinstance(levels_raw, dict) or set(levels_raw) != set(SENIORITY_LEVELS):
        raise RoleBookError(f"{path}: [levels] must rank exactly {', '.join(SENIORITY_LEVELS)}")
    levels = {k: int(v) for k, v in levels_raw.items()}
    tokens_raw = data.get("title_tokens", {})
    if not isinstance(tokens_raw, dict) or not set(tokens_raw) <= set(SENIORITY_LEVELS):
        raise RoleBookError(f"{path}: [title_tokens] keys must be seniority levels")
    tokens = {k: _as_str_list(v, f"{path}: title_tokens.{k}") for k, v in tokens_raw.items()}
    cues: list[Cue] = []
    raw_cues = data.get("cue", [])
    if not isinstance(raw_cues, list):
        raise RoleBookError(f"{path}: [[cue]] must be an array of tables")
    for n, entry in enumerate(raw_cues, 1):
        where = f"{path}: [[cue]] #{n}"
        if not isinstance(entry, dict) or entry.get("level") not in _CUE_LEVELS:
            raise RoleBookError(f"{where}: level must be one of {', '.join(_CUE_LEVELS)}")
        weight = entry.get("weight", "M")
        if not isinstance(weight, str) or weight not in WEIGHTS:
            raise RoleBookError(f"{where}: weight must be S, M or W")
        cues.append(Cue(entry["level"], weight, str(entry.get("note", "")),
                        _as_str_list(entry.get("match", []), f"{where}: match")))
    return levels, tokens, cues


def family_files(extra: tuple[str, ...] = ()) -> list[str]:
    """The built-in family files, then each extra file or folder of *.toml (sorted)."""
    files = _toml_files(FAMILIES_DIR)
    for item in extra:
        if os.path.isdir(item):
            found = _toml_files(item)
            if not found:
                raise RoleBookError(f"{item}: no role profiles (*.toml) in this folder")
            files += found
        elif os.path.isfile(item):
            files.append(item)  # as given: normpath would fold "link/.." past a symlink
        else:
            raise RoleBookError(f"{item}: no such role-profile file or folder")
    return files


def _toml_files(folder: str) -> list[str]:
    try:
        names = os.listdir(folder)
    except OSError as exc:
        raise RoleBookError(f"{folder}: cannot read: {exc.strerror or exc}") from None
    return [os.path.join(folder, n) for n in sorted(names) if n.endswith(".toml")]


@memo(maxsize=8)
def load_role_book(extra: tuple[str, ...] = ()) -> RoleBook:
    """The compiled role book (built-in families plus `extra` files or folders).

    Compiling takes most of a one-file run, so the result is kept in the cache folder, keyed by
    the jdfix version and each source file's path, size and modification time; any change to a
    file compiles it again. Raises RoleBookError.
    """
    # The code that defines the compiled form is part of the key too, so a changed matcher never
    # loads a stale copy.
    from jdfix.engine import phrases

    files = [*family_files(extra), SENIORITY_FILE, GENERIC_FILE, __file__, phrases.__file__ or ""]
    key = _compiled_key(files)
    folder = os.path.join(cache_folder(), "rolebook")
    path = os.path.join(folder, f"{key}{_SUFFIX}")
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
            written = os.fstat(fh.fileno()).st_mtime
        # The phrase index unpacks its pieces only as texts meet them, long after this load:
        # damage found there would be an internal error in every run. The file ends with a
        # CRC-32 of the rest, checked here (unmarshal_bytes), so a damaged copy is compiled again.
        # The key holds COMPILED_FORMAT, so a file of this name is of this form.
        book = RoleBook.from_plain_state(unmarshal_bytes(raw))
        _mark_used(path, written)
        return book
    except (OSError, EOFError, TypeError, ValueError, KeyError, AttributeError):
        pass
    book = _compile_role_book(extra)
    try:
        write_marshal(path, book.plain_state(), ".rolebook-")
        _prune(folder, keep=path)
    except (OSError, ValueError):
        pass  # a read-only cache only costs speed
    return book


def family_records(book: RoleBook) -> list[dict[str, Any]]:
    """Each family of the book as a record: id, name, summary, aliases, its own signals, its source."""
    records: list[dict[str, Any]] = []
    for fam in book.families.values():
        own = [s for s in book.signals if s.listed_by == fam.id and s.family == fam.id]
        records.append({"id": fam.id, "name": fam.name, "summary": fam.summary, "aliases": list(fam.aliases),
                        "fields": list(fam.fields), "not_after": list(fam.not_after), "signals": len(own), "source": fam.source})
    return records


STALE_AFTER = 30 * 24 * 3600  # seconds


def _mark_used(path: str, written: float) -> None:
    """Keep a compiled role book in use from looking stale to _prune (at most once a day)."""
    import time

    now = time.time()
    if now - written > 24 * 3600:
        try:
            os.utime(path, (now, now))
        except OSError:
            pass  # a read-only cache: nothing prunes it either


_SUFFIX = ".marshal"  # a compiled role book's file; older jdfix versions left ".pickle" ones


def _prune(folder: str, keep: str, suffixes: tuple[str, ...] = (_SUFFIX, ".pickle")) -> None:
    """Remove compiled files (`suffixes`) not written for 30 days (each upgrade or edit of a source
    leaves one behind) and temporary files of interrupted writes. Only runs after a compile."""
    import time

    now = time.time()
    kept = os.path.basename(keep)
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == kept or not entry.name.endswith((*suffixes, ".tmp")):
                continue
            try:
                age = now - entry.stat().st_mtime
                if age > (STALE_AFTER if entry.name.endswith(suffixes) else 3600):
                    os.unlink(entry.path)
            except OSError:
                pass  # another process may have removed it, or the folder is shared read-only


def _compiled_key(files: list[str]) -> str:
    from jdfix.version import __version__

    # marshal's format is the Python's own: a cache folder shared by two Pythons keeps one copy each.
    h = blake2b_16(f"{__version__}|{COMPILED_FORMAT}|{sys.implementation.cache_tag}".encode())
    for f in files:
        try:
            st = os.stat(f)
        except OSError as exc:
            raise RoleBookError(f"{f}: cannot read: {exc.strerror or exc}") from None
        # The absolute path, not the resolved one: resolving asked the file system about every
        # folder above each file (~135 lstat calls a run); a symlinked path only costs a compile.
        # (A path that is not UTF-8 keeps its bytes: surrogateescape.)
        h.update(f"|{os.path.abspath(f)}|{st.st_size}|{st.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:32]


def _compile_role_book(extra: tuple[str, ...]) -> RoleBook:
    families: dict[str, RoleFamily] = {}
    by_family: dict[str, list[Signal]] = {}
    for path in family_files(extra):
        family, signals = load_family(path)
        if family.id in families:
            raise RoleBookError(f"{path}: family id {family.id!r} is already defined in "
                                f"{families[family.id].path}; give your family its own id")
        families[family.id] = family
        by_family[family.id] = signals
    signals = [s for sigs in by_family.values() for s in sigs]
    # A neighbour's counter-signal that points at a people-manager family ("conduct performance
    # reviews, hire engineers -> Engineering Manager") is people management: it is weighed like
    # that family's own people signals, against the posting's engineering context.
    contexts: dict[str, tuple[str, ...]] = {}
    for sig in signals:
        if sig.people and sig.listed_by == sig.family:
            contexts[sig.family] = tuple(dict.fromkeys((*contexts.get(sig.family, ()), *sig.context)))
    signals = [
        replace(sig, people=True, context=contexts.get(sig.family, ()))
        if sig.listed_by != sig.family and sig.family in families and families[sig.family].people_manager_title
        else sig
        for sig in signals
    ]
    for s in signals:
        roles_named = {w.lstrip("@") for p in s.patterns for slot in p.split() for w in slot.rstrip("?").split("|")
                       if w.startswith("@")}
        for name in (s.family, *s.context, *sorted(roles_named)):
            if name not in families:
                raise RoleBookError(f"{families[s.listed_by].path}: names unknown family {name!r}")
    for fam in families.values():
        for name in (*fam.includes, *fam.needs_decisive, *fam.decides_over):
            if name not in families:
                raise RoleBookError(f"{fam.path}: names unknown family {name!r}")
        for name in fam.needs_decisive:
            # With no decisive work named, no posting could carry it: every posting of `name`
            # with some of this family's work would read as this family's, under any title.
            if not fam.decisive_notes(signals, name, under_title=True):
                raise RoleBookError(f"{fam.path}: needs_decisive names {name!r}, but no signal of {name!r} is "
                                    f"marked decisive (or holds_title) and this file lists no counter-signal for it")
    levels, tokens, cues = _load_seniority(SENIORITY_FILE)
    generic = _as_str_list(_load_toml(GENERIC_FILE).get("phrases", []), f"{GENERIC_FILE}: phrases")
    try:
        return RoleBook(families, signals, levels, tokens, cues, generic)
    except PatternError as exc:
        raise RoleBookError(str(exc)) from None
