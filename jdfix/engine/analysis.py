"""The rule engine's analysis: each duty's family with evidence, the posting's family and seniority.

Evidence comes from duty signals of the role book found in every list item and prose sentence,
weighed by the section it sits in (a duty section counts most, requirements little, benefits not
at all). Role names in the body are masked so "work with the product owner" votes for nobody.
People-management cues are kept apart from the family vote: they speak to seniority.
"""

from __future__ import annotations

from itertools import compress
from operator import mul

from jdfix.engine.document import DUTIES, OTHER, OVERVIEW, REQUIREMENTS, UNKNOWN, Document, Duty
from jdfix.engine.learned import NONE_CLASSES, LearnedModel, Verdict, features
from jdfix.engine.phrases import Words, content_words, stems_of
from jdfix.engine.regexes import IGNORECASE, escape, lowered_unless_twins, regex
from jdfix.engine.rolebook import RoleBook
from jdfix.engine.titles import TitleInfo, TitleReader
from jdfix.records import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    import re
    from collections.abc import Sequence

    # A duty text's reading (Analyser._read_text)
    _Reading = tuple[set[str], dict[str, float], tuple["Evidence", ...], tuple["CueHit", ...], dict[str, float],
                     int, "Verdict | None", list[tuple["Words", "tuple[str, ...] | list[str]"]]]

# How much a unit of text counts, by where it sits.
SECTION_WEIGHT = {DUTIES: 1.0, OVERVIEW: 0.6, UNKNOWN: 0.6, REQUIREMENTS: 0.3, OTHER: 0.0}
# An item of a requirements list that states work ("Lead workshops" under "Skills") weighs as a duty
# sentence beside the duty list does.
WORK_ITEM_WEIGHT = SECTION_WEIGHT[OVERVIEW]
SENIORITY_SECTION_WEIGHT = {DUTIES: 1.0, OVERVIEW: 0.7, UNKNOWN: 0.7, REQUIREMENTS: 0.15, OTHER: 0.0}
UNIT_CAP = 6.0  # one long sentence cannot outvote the rest of the posting
MIN_EVIDENCE = 3.5  # below this (and below MIN_GROUP_EVIDENCE for its group) the family is unknown
MIN_GROUP_EVIDENCE = 8.0
MANAGER_SHARE = 0.6  # see _infer_family; chosen on held-out collections (README)
NEAR_TIE = 0.75  # the title's family within this share of the best is a tie the duties don't break
# A title whose family's postings carry the work of the inferred family (an Engineering Manager's
# carry its engineers') keeps its family with this share of the evidence (held-out runs, README).
INCLUDED_TIE = 0.4
# A title that reads as a neighbour only on that neighbour's decisive work (`needs_decisive`) holds
# its family only where the duties carry at least this much of its own work (a moderate signal's
# worth): a "Product Owner" whose duties are all a product manager's, none a Product Owner's, is
# read by its duties.
TITLE_OWN_WORK = 2.0
# A neighbour's decisive work (`decides_over`) decides a near tie once the duties carry this much of
# it, weighed by section: a moderate signal's worth in the duties, more than a line of requirements.
DECISIVE_WORK = 2.0
# The level a role named in the text carries ("Senior Programmer", "Product Lead"), as a cue.
NAMED_LEVEL_CUE = {"junior": "junior", "senior": "senior", "staff": "senior", "principal": "senior",
                   "lead": "senior", "director": "director", "executive": "director"}
MIN_UNITS = 2  # ... and at least this many units must carry evidence
MASK = "\x00"
MAX_READ = 16384  # duty texts whose reading is remembered (analyse_unit); past this, it starts again
# Where a long item splits into parts: sentence ends, and " - " / " • " before a capital letter.
# (The split drops the full stop too, which no content word needs; starting on a character class
# lets the regex engine skip ahead, where a look-behind made it try every position.)
_PART_SPLIT_RE = regex(r"[.!?;]\s+(?=[A-Z])|\s+[-–•▪]\s+(?=[A-Z])")
PEOPLE_CONTEXT_FULL = 12.0  # context evidence at which people duties count in full
# The learned layer's share of a duty's evidence: a family it is sure of counts as one strong
# signal; below the floor a family gets nothing. Chosen on held-out collections (README).
LEARNED_POINTS = 6.0
LEARNED_FLOOR = 0.2
_AT_FLOOR = LEARNED_FLOOR.__le__  # _AT_FLOOR(p): p >= LEARNED_FLOOR
UNIT_MIN_PROB = 0.2  # a duty's learned family needs at least this probability to be named
LEARNED_QUOTES = 2  # words the learned layer quotes as its evidence for a duty
# A duty is read with the rest of its posting: each family's chance for it is weighed by that
# family's evidence in the posting relative to the best family's (plus CONTEXT_SMOOTH, raised to
# CONTEXT_POWER), and work any role does by CONTEXT_GENERIC ** CONTEXT_POWER. So "agree
# priorities with stakeholders" reads as product management in a product manager's posting, and a
# posting of many families' work leaves each duty to its own words. Chosen on held-out
# collections (README): more duty lines read right, and more generic lines left generic.
CONTEXT_POWER = 2.0
CONTEXT_SMOOTH = 0.05
CONTEXT_GENERIC = 0.7
CONTEXT_QUOTED_WEIGHT = 0.1  # a word the context reading quotes weighs at least this for the family
CONTEXT_SURE = 0.5  # a duty read as one family at least this surely keeps its own reading
MIN_QUOTED_WEIGHT = 0.4
LEARNED_NOTE = "learned from labelled postings"
CONTEXT_NOTE = "learned from labelled postings, read with this posting's other duties ({} work)"


# Not frozen: made once per duty on the hot path, where a frozen dataclass's __init__ costs
# four times as much. Treat as read-only.
@dataclass(slots=True)
class Evidence:
    """One signal found in one unit: which family it speaks for, how strongly, and the words."""

    family: str
    weight: str
    points: float
    note: str
    words: Words = field(repr=False, compare=False)
    first: int = 0
    last: int = 0

    @property
    def quote(self) -> str:
        """The words of the text that matched (worked out only when asked for)."""
        return self.words.quote(self.first, self.last)


@dataclass(slots=True)  # not frozen, for speed (see Evidence); read-only by convention
class CueHit:
    """One seniority cue found in one unit."""

    level: str
    points: float
    note: str
    words: Words | str = field(repr=False)  # the unit's words, or the quoted text itself
    first: int = 0
    last: int = 0

    @property
    def quote(self) -> str:
        """The words of the text that matched (worked out only when asked for)."""
        return self.words if isinstance(self.words, str) else self.words.quote(self.first, self.last)


@dataclass(slots=True)  # not frozen, for speed (see Evidence); read-only by convention
class UnitAnalysis:
    """A duty item or sentence with its family scores, evidence and seniority cues. Read-only:
    units of the same text share their scores, evidence and learned reading (analyse_unit)."""

    duty: Duty
    kind: str  # the section kind it sits in
    weight: float
    in_duty_list: bool
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]
    cues: tuple[CueHit, ...]
    people_scores: dict[str, float] = field(default_factory=dict)
    parts: int = 1  # how many duties the text runs together (each capped on its own)
    learned: Verdict | None = None  # the learned layer's reading, when the model knows its words
    in_context: str | None = None  # the learned reading weighed by the posting's families (analyse)
    read_in_context: bool = False
    # The words and masked stems of each part, as the learned layer read them (for the reading in
    # context: not tokenised and masked a second time)
    parts_read: list[tuple[Words, tuple[str, ...] | list[str]]] = field(default_factory=list, repr=False,
                                                                          compare=False)

    @property
    def family(self) -> str | None:
        """The family this unit speaks for: the learned layer's reading where it knows the words,
        read with the rest of the posting (None for work any role does, or work outside the role
        book), else the role book's, when one family clearly leads (at least a moderate signal)."""
        if self.read_in_context:
            return self.in_context
        v = self.learned
        if v is not None:
            return self._named(v.best, v.probs[v.best])
        if not self.scores:
            return None
        ranked = sorted(self.scores.items(), key=lambda kv: -kv[1])
        if ranked[0][1] < 2.0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def names_work_of(self, family: str) -> bool:
        """Whether the duty names work the role book gives `family` (a strong or moderate signal),
        not only words the learned layer leans on or a weak signal. Saying that a duty belongs to
        another role (JD103, the duties a suggestion drops) takes this."""
        return any(e.family == family and e.weight in ("S", "M") for e in self.evidence)

    def _named(self, best: str, prob: float) -> str | None:
        if best in NONE_CLASSES or prob < UNIT_MIN_PROB:
            return None
        # Managing staff the posting does not name as that family's (engineers): a level only.
        return None if best in self.people_scores and best not in self.scores else best


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the rules need to judge a posting."""

    document: Document
    title: TitleInfo | None
    units: tuple[UnitAnalysis, ...]
    family_scores: dict[str, float]
    inferred_family: str | None
    confidence: float
    cue_scores: dict[str, float]
    inferred_seniority: str | None
    suggested_title: str | None
    book: RoleBook = field(repr=False)

    @property
    def duties(self) -> tuple[UnitAnalysis, ...]:
        return tuple(u for u in self.units if u.in_duty_list)

    def score(self, family: str | None) -> float:
        return self.family_scores.get(family, 0.0) if family else 0.0

    def group_score(self, family: str | None) -> float:
        """The evidence for `family`'s whole group of neighbours."""
        if not family or family not in self.book.families:
            return 0.0
        group = self.book.families[family].group
        return sum(v for f, v in self.family_scores.items() if self.book.families[f].group == group)

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(self.family_scores.items(), key=lambda kv: (-kv[1], kv[0]))


class Analyser:
    """A compiled role book ready to analyse many documents."""

    def __init__(self, book: RoleBook, model: LearnedModel | None = None) -> None:
        self.book = book
        self.titles = TitleReader(book)
        self.model = model
        self._read: dict[tuple[str, frozenset[str], bool], _Reading] = {}  # see analyse_unit

    def _mask_role_names(self, words: Words, extra: tuple[str, ...]) -> tuple[str, ...] | list[str]:
        stems = words.stems
        bigrams = self.book.role_name_bigrams
        # Most duties name no role: their pairs of words tested as they are made, no set built;
        # and most do not hold the title's first word, which is tested before its pairs.
        if bigrams.isdisjoint(zip(stems, stems[1:])) and not (
                extra and extra[0] in stems and (extra[0], extra[1]) in zip(stems, stems[1:])):
            return stems
        # A name starts only where its first two words stand (every name has two or more, and so
        # has the title): the words in between are not looked at.
        pair = (extra[0], extra[1]) if extra else None
        starts = [i for i, p in enumerate(zip(stems, stems[1:])) if p in bigrams or p == pair]
        masked = list(stems)
        masks = self.book.role_name_masks
        first_extra = extra[0] if extra else None
        joined: tuple[bool, ...] = ()
        free = 0  # words before this one are already masked
        for i in starts:
            if i < free:
                continue
            s = stems[i]
            hit = 0
            token = MASK
            # The posting's own title, then role names and generic phrases, longest first; each
            # only when its words stand together ("lead engineer", not "lead the engineering team").
            if s == first_extra and stems[i : i + len(extra)] == extra:
                joined = joined or words.joined
                if all(joined[k] for k in range(i + 1, i + len(extra))):
                    hit = len(extra)
            if not hit:
                for seq, role in masks.get(s, ()):
                    if stems[i : i + len(seq)] == seq:
                        joined = joined or words.joined
                        if all(joined[k] for k in range(i + 1, i + len(seq))):
                            hit, token = len(seq), role or MASK
                            break
            if hit:
                masked[i : i + hit] = [token] + [MASK] * (hit - 1)
                free = i + hit
        return masked

    def analyse_unit(self, duty: Duty, kind: str, weight: float, in_list: bool,
                     title_stems: tuple[str, ...] = (), people_named: frozenset[str] = frozenset()) -> UnitAnalysis:
        # A batch repeats its boilerplate lines, within a posting and across postings: a text is
        # read once per set of named staff and kind of section (cues or not), and its reading
        # (read-only: scores, evidence, cues, verdict) shared. Not where the posting's title
        # stands in it (then the title's words are masked: a reading of this posting alone).
        text = duty.text
        key = (text, people_named, kind in (REQUIREMENTS, OTHER))
        read = self._read.get(key)
        if read is None or (title_stems and title_stems[0] in read[0]):
            read = self._read_text(text, kind, title_stems, people_named)
            if not (title_stems and title_stems[0] in read[0]):
                if len(self._read) >= MAX_READ:
                    self._read.clear()
                self._read[key] = read
        _, scores, evidence, cues, people_scores, parts, verdict, seen = read
        return UnitAnalysis(duty, kind, weight, in_list, scores, evidence, cues, people_scores, parts, verdict,
                            None, False, seen)

    def _read_text(self, text: str, kind: str, title_stems: tuple[str, ...], people_named: frozenset[str]
                   ) -> _Reading:
        """One duty text's reading for analyse_unit: the stems its parts hold (unmasked), its scores,
        evidence, cues, people scores, parts, verdict, and its parts' words and masked stems."""
        held: set[str] = set()
        scores: dict[str, float] = {}
        people_scores: dict[str, float] = {}
        evidence: list[Evidence] = []
        cues: list[CueHit] = []
        parts = _split_parts(text)
        feats: list[str] = []
        seen: list[tuple[Words, tuple[str, ...] | list[str]]] = []
        for part in parts:
            part_scores: dict[str, float] = {}
            part_people: dict[str, float] = {}
            words, stems = self._match_part(part, title_stems, part_scores, part_people, evidence, cues)
            held.update(words.stems)
            if self.model is not None:
                feats += features(stems, {**part_scores, **part_people} if part_people else part_scores)
                seen.append((words, stems))
            for fam, pts in part_scores.items():
                scores[fam] = scores.get(fam, 0.0) + min(pts, UNIT_CAP)
        verdict = None
        if self.model is not None and feats:
            verdict = self.model.classify(feats)
            if verdict is not None:
                people_of = self.book.people_of_re
                probs = verdict.probs
                # The few classes at or above the floor, picked in C (most of the classes are not).
                for fam, p in compress(probs.items(), map(_AT_FLOOR, probs.values())):
                    if fam not in NONE_CLASSES:
                        # Managing people is an Engineering Manager's work where the posting names
                        # engineers; managing unnamed staff is a level, weighed like a people cue.
                        bucket = people_scores if fam in people_of and fam not in people_named else scores
                        bucket[fam] = bucket.get(fam, 0.0) + LEARNED_POINTS * p
                if verdict.best not in NONE_CLASSES:
                    evidence += _learned_evidence(verdict.best, verdict.quotable(MIN_QUOTED_WEIGHT), seen,
                                                  LEARNED_POINTS * verdict.probs[verdict.best], evidence)
            for fam, pts in part_people.items():
                people_scores[fam] = people_scores.get(fam, 0.0) + min(pts, UNIT_CAP)
        # A sentence that opens by naming the role with a level ("The Senior Programmer will ...")
        # says which level the posting is written for, whatever its title says.
        if kind not in (REQUIREMENTS, OTHER):
            named = self.titles.role_at_start(text)
            if named and named[1] in NAMED_LEVEL_CUE:
                cues.append(CueHit(NAMED_LEVEL_CUE[named[1]], 3.0, "the text names the role at this level",
                                   named[2]))
        # The role book's phrases first (they name the work), then the words the model weighed.
        if len(evidence) > 1:
            evidence.sort(key=lambda e: (e.weight == "L", -e.points))
        return held, scores, tuple(evidence), tuple(cues), people_scores, len(parts), verdict, seen

    def _match_part(self, text: str, title_stems: tuple[str, ...], scores: dict[str, float],
                    people_scores: dict[str, float], evidence: list[Evidence], cues: list[CueHit]
                    ) -> tuple[Words, tuple[str, ...] | list[str]]:
        words = content_words(text)
        stems = self._mask_role_names(words, title_stems)
        found = self.book.index.find(stems)
        if not found:
            return words, stems
        signals = self.book.signals
        n_signals = len(signals)
        book_cues = self.book.cues
        # Strongest first, so when two signals of one family cover the same words only the
        # strongest counts: one phrase is one piece of evidence, not several.
        if len(found) > 1:
            rank = self.book.match_rank
            found.sort(key=lambda m: (rank[m[0]], m[1], m[0]))
        taken: dict[str, list[tuple[int, int]]] = {}
        for key, first, last in found:
            if key < n_signals:
                sig = signals[key]
                spans = taken.setdefault(sig.family, [])
                if spans and any(first <= b and a <= last for a, b in spans):
                    continue
                spans.append((first, last))
                bucket = people_scores if sig.people else scores
                bucket[sig.family] = bucket.get(sig.family, 0.0) + sig.points
                evidence.append(Evidence(sig.family, sig.weight, sig.points, sig.note, words, first, last))
            else:
                cue = book_cues[key - n_signals]
                spans = taken.setdefault("cue:" + cue.level, [])
                if spans and any(first <= b and a <= last for a, b in spans):
                    continue
                spans.append((first, last))
                cues.append(CueHit(cue.level, cue.points, cue.note, words, first, last))
        return words, stems

    def _group_totals(self, totals: dict[str, float]) -> dict[str, float]:
        """Evidence per group of neighbouring families (engineering, data, ...)."""
        groups: dict[str, float] = {}
        for fam, v in totals.items():
            group = self.book.families[fam].group
            groups[group] = groups.get(group, 0.0) + v
        return groups

    def _confidence(self, totals: dict[str, float], inferred: str) -> float:
        """How sure the reading of `inferred` is: its margin over the next family, scaled by how much
        evidence the leading group of families has (full from 20 points)."""
        best = totals.get(inferred, 0.0)
        second = max((v for f, v in totals.items() if f != inferred), default=0.0)
        margin = max(0.0, (best - second) / best) if best else 0.0
        strength = min(1.0, max(self._group_totals(totals).values()) / 20.0)
        return round(strength * (0.4 + 0.6 * margin), 2)

    def _infer_family(self, totals: dict[str, float], carrying: int,
                      title_families: tuple[str, ...] = ()) -> tuple[str | None, float]:
        """The family the duties describe, and how sure.

        The best-evidenced family, when it has enough evidence on its own; else, when the evidence
        is spread over neighbours (a group such as engineering or data) that together have enough,
        the best family of that group. When the title's own family is within a near tie of the
        best, the duties do not decide between them and the title's family is kept.
        """
        if not totals or carrying < MIN_UNITS:
            return None, 0.0
        families = self.book.families
        group_ranked = sorted(self._group_totals(totals).items(), key=lambda kv: (-kv[1], kv[0]))
        group, group_total = group_ranked[0]
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        top_family, top = ranked[0]
        if top >= MIN_EVIDENCE:
            inferred = top_family
        elif group_total >= MIN_GROUP_EVIDENCE:
            inferred = next(f for f, _ in ranked if families[f].group == group)
        else:
            return None, 0.0
        # A manager's posting carries the work of the people managed (an Engineering Manager's,
        # its engineers'): where that work leads and the manager's own is close behind, the
        # posting is the manager's.
        for fam, v in ranked:
            if (fam != inferred and families[fam].people_manager_title and inferred in families[fam].includes
                    and v >= MANAGER_SHARE * totals[inferred]):
                inferred = fam
                break
        for fam in title_families:
            includes = families[fam].includes
            share = INCLUDED_TIE if inferred in includes else NEAR_TIE
            # A title's own work counts the work its postings carry (a Tech Lead's coding): a tech
            # lead who codes is no project manager mis-titled (ROLES.md 10.2).
            own = totals.get(fam, 0.0) + sum(totals.get(f, 0.0) for f in includes if f != inferred)
            if own >= share * totals.get(inferred, 0.0):
                inferred = fam
                break
        return inferred, self._confidence(totals, inferred)

    def _read_in_context(self, units: list[UnitAnalysis], totals: dict[str, float]) -> None:
        """Each duty's learned reading weighed by its posting's families (see CONTEXT_POWER), where
        the duty alone leaves it open. A family the context gave a duty is named only with words of
        the duty that speak for it, and its evidence says the posting decided."""
        most = max(totals.values(), default=0.0)
        if self.model is None or most <= 0.0:
            return
        generic = CONTEXT_GENERIC ** CONTEXT_POWER
        prior = {f: (v / most + CONTEXT_SMOOTH) ** CONTEXT_POWER for f, v in totals.items()}
        smooth = CONTEXT_SMOOTH ** CONTEXT_POWER
        # Each class's factor, in the order of every verdict's probabilities (the model's classes):
        # a duty's weighed chances are one C-level pass (the same products, so the same floats).
        classes = self.model.classes
        factors = [generic if f in NONE_CLASSES else prior.get(f, smooth) for f in classes]
        for u in units:
            v = u.learned
            if v is None or (v.best not in NONE_CLASSES and v.probs[v.best] >= CONTEXT_SURE):
                continue  # a stray duty of another family stays one (JD103)
            weighed = list(map(mul, v.probs.values(), factors))
            top = max(weighed)
            best = classes[weighed.index(top)]  # the first of equals, as max(dict, key=...) gave
            family = None  # work any role does, or none in the role book: no share worked out
            if best not in NONE_CLASSES:
                prob = top / sum(weighed)
                family = u._named(best, prob)
            if family is not None:
                own = u._named(v.best, v.probs[v.best])
                if family != own:
                    said = _learned_evidence(family, self.model.quotable_for(v, family, CONTEXT_QUOTED_WEIGHT),
                                             u.parts_read, prob * LEARNED_POINTS,
                                             u.evidence, CONTEXT_NOTE.format(self.book.families[family].name))
                    if not said:
                        family = own  # no word of the duty speaks for it: the duty's own reading stands
                    # Before the quotes of the family the duty read as on its own.
                    u.evidence = (*[e for e in u.evidence if e.weight != "L"], *said,
                                  *[e for e in u.evidence if e.weight == "L"])
            u.in_context, u.read_in_context = family, True

    def _people_named(self, doc: Document) -> frozenset[str]:
        """The families whose managed staff (`people_of`) the posting names outside its title."""
        named = []
        text = doc.text
        # A match never spans a line (the words hold no line break), so one outside the title's
        # line ("\n"-counted, as its number is) is one before or after it: two bounded searches.
        start, stop = _line_span(text, doc.title.line if doc.title else 0)
        low = lowered_unless_twins(text) if self.book.people_of_re else None
        for fam, rx in self.book.people_of_re.items():
            words = self.book.families[fam].people_of
            for lo, hi in ((0, start), (stop, len(text))):
                # Each search starts where the first word does: the engine's walk over a posting
                # that names the words late or not at all was most of the time.
                at = _first_word_at(low if all(map(str.isascii, words)) else None, words, lo, hi)
                if at != -1 and rx.search(text, at, hi):
                    named.append(fam)
                    break
        return frozenset(named)

    def _decide_pair(self, title: TitleInfo | None, inferred: str | None, totals: dict[str, float],
                     units: Sequence[UnitAnalysis]) -> str | None:
        """The confused pairs the role book decides on decisive work rather than on totals: a
        title's own family kept (`needs_decisive`), Product Owner from Product Manager (ROLES.md
        1.4), an Engineering Manager from those whose work it includes (ROLES.md 9.4)."""
        if inferred is None:
            return None
        if title and inferred not in title.families:
            # A Product Owner with a product vision is still a Product Owner (needs_decisive).
            inferred = next((f for f in title.families if totals.get(f, 0.0) >= TITLE_OWN_WORK
                             and not carries_decisive(self.book, units, f, inferred)), inferred)
        # ROLES.md 1.4 decides Product Owner from Product Manager on the PM's decisive work,
        # whatever the title says: without it, duties that carry a PO's own work are a PO's.
        # Under a Product Manager title, discovery holds the title too (`holds_title`).
        under_title = bool(title and inferred in title.families)
        inferred = next((f for f, v in sorted(totals.items(), key=lambda kv: -kv[1])
                         if f != inferred and inferred in self.book.families[f].needs_decisive
                         and v >= MIN_EVIDENCE
                         and not carries_decisive(self.book, units, f, inferred, under_title)),
                        inferred)
        # ROLES.md 9.4 tells an Engineering Manager from a project manager, a tech lead or an
        # engineer by who owns the people: where the manager's evidence is within a tie of the
        # other's (the wider tie where the manager's postings carry that work anyway), duties
        # that carry the manager's decisive (people) work are the manager's.
        # Under the neighbour's own title (a Tech Lead), only the near tie: a line or two of
        # careers beside a lead's work does not make a manager of the title the posting gives.
        titled = bool(title and inferred in title.families)
        return next((f for f, fam in self.book.families.items() if inferred in fam.decides_over
                     and totals.get(f, 0.0) >= (INCLUDED_TIE if inferred in fam.includes and not titled
                                                else NEAR_TIE) * totals.get(inferred, 0.0)
                     and decisive_weight(self.book, units, inferred, f) >= DECISIVE_WORK), inferred)

    def analyse(self, doc: Document) -> Analysis:
        """Analyse a parsed posting. Never raises."""
        title = self.titles.read(doc.title.text) if doc.title else None
        title_stems = stems_of(doc.title.text) if doc.title else ()
        if len(title_stems) < 2:
            title_stems = ()
        duty_ids = {id(d) for d in doc.duties}
        people_named = self._people_named(doc)
        units: list[UnitAnalysis] = []
        work_ids = {id(d) for d in doc.work_items}
        for d in (*doc.items, *doc.sentences):
            kind = doc.sections[d.section].kind
            in_list = id(d) in duty_ids
            weight = 1.0 if in_list else WORK_ITEM_WEIGHT if id(d) in work_ids else SECTION_WEIGHT[kind]
            if weight <= 0.0 and not in_list:
                continue
            units.append(self.analyse_unit(d, kind, weight, in_list, title_stems, people_named))
        units.sort(key=lambda u: (u.duty.line, u.duty.end_line))

        totals: dict[str, float] = {}
        people: dict[str, float] = {}
        carrying = 0
        for u in units:
            if u.scores:
                carrying += 1
            for fam, pts in u.scores.items():
                totals[fam] = totals.get(fam, 0.0) + u.weight * pts
            for fam, pts in u.people_scores.items():
                people[fam] = people.get(fam, 0.0) + u.weight * pts
        own_work = dict(totals)
        # People duties count for a family (an engineering manager) only as far as the posting
        # carries that family's own work or its context (engineering): line management alone is a
        # level, not a job.
        for fam, pts in people.items():
            context = self.book.people_context.get(fam, ())
            support = totals.get(fam, 0.0) + sum(totals.get(c, 0.0) for c in context)
            totals[fam] = totals.get(fam, 0.0) + pts * min(1.0, support / PEOPLE_CONTEXT_FULL)
        totals = {f: v for f, v in totals.items() if v > 0.0}
        cue_scores: dict[str, float] = {}
        for u in units:
            if not u.cues:
                continue  # most units: no set to build and sort
            w = 1.0 if u.in_duty_list else SENIORITY_SECTION_WEIGHT[u.kind]
            for level in sorted({c.level for c in u.cues}):
                pts = max(c.points for c in u.cues if c.level == level)
                cue_scores[level] = cue_scores.get(level, 0.0) + w * pts
        seniority = infer_seniority(cue_scores)

        self._read_in_context(units, totals)
        # A duty the learned layer reads as a family carries evidence too, under the floor its
        # points need to count: four duties that each read as a project manager's are enough to
        # judge. Only for a family with its own work in the posting, people work left out (the
        # reading in context leans on the totals, and managing staff alone is a level).
        carrying += sum(1 for u in units if not u.scores and u.in_duty_list and u.family is not None
                        and own_work.get(u.family, 0.0) >= MIN_EVIDENCE)
        inferred, confidence = self._infer_family(totals, carrying, title.families if title else ())
        decided = self._decide_pair(title, inferred, totals, units)
        if decided != inferred and decided is not None:  # sure of the family the pair decided
            confidence = self._confidence(totals, decided)
        inferred = decided
        suggested = suggest_title(self.book, title, inferred, seniority)
        return Analysis(
            document=doc,
            title=title,
            units=tuple(units),
            family_scores=totals,
            inferred_family=inferred,
            confidence=confidence,
            cue_scores=cue_scores,
            inferred_seniority=seniority,
            suggested_title=suggested,
            book=self.book,
        )


def _line_span(text: str, line: int) -> tuple[int, int]:
    """Where the 1-based `line` of `text` (lines split at "\n") starts and ends; (len, len) where
    there is no such line."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            break
    if line < 1 or start == 0 and line > 1:
        return len(text), len(text)
    stop = text.find("\n", start)
    return start, len(text) if stop == -1 else stop


def _first_word_at(low: str | None, words: tuple[str, ...], lo: int, hi: int) -> int:
    """Where in low[lo:hi] the first of the lowercase `words` starts, -1 if none does: no match of
    a pattern of them ignoring case starts before it (see lowered_unless_twins). `lo` without `low`."""
    if low is None:
        return lo
    found = [i for w in words if (i := low.find(w, lo, hi)) != -1]
    return min(found) if found else -1


def _split_parts(text: str) -> list[str]:
    """A long item is often several duties run together (sentences, or nested bullets flattened
    onto one line): its parts, each matched and capped on its own."""
    return _PART_SPLIT_RE.split(text) if len(text) > 160 else [text]


def carries_decisive(book: RoleBook, units: Sequence[UnitAnalysis], titled: str, inferred: str,
                     under_title: bool = False) -> bool:
    """Whether the duties carry the decisive work of `inferred`, where a `titled` posting reads as
    that neighbour only on it (`needs_decisive` in the role book); True where it names none. With
    `under_title` (the posting carries `inferred`'s title), work marked `holds_title` counts too."""
    family = book.families[titled]
    if inferred not in family.needs_decisive:
        return True
    notes = family.decisive_notes(book.signals, inferred, under_title)
    return any(e.family == inferred and e.note in notes for u in units for e in u.evidence)


def decisive_weight(book: RoleBook, units: Sequence[UnitAnalysis], read_as: str, neighbour: str) -> float:
    """How much of `neighbour`'s work that decides it over `read_as` the text carries, each piece
    weighed by where it sits (a requirements list counts little)."""
    notes = book.families[read_as].decisive_notes(book.signals, neighbour)
    return sum(u.weight * e.points for u in units for e in u.evidence if e.family == neighbour and e.note in notes)


def _learned_evidence(family: str, quotable: list[tuple[str, float]],
                      parts: list[tuple[Words, tuple[str, ...] | list[str]]], points: float,
                      quoted: Sequence[Evidence], note: str = LEARNED_NOTE) -> list[Evidence]:
    """The words that most moved the learned layer to `family`, as evidence that quotes them
    (words already quoted for this family are not quoted twice)."""
    if not quotable:
        return []
    out: list[Evidence] = []
    pts = round(points, 2)  # every quote carries the same points (round() is dear: worked out once)
    # Only the family's own quotes: words a phrase quotes for another family may still be the
    # ones that decided this one, and a duty given a family always quotes words for it.
    taken = [(e.words, e.first, e.last) for e in quoted if e.family == family]
    # Pairs of words first: "pull request" says more than "pull". A `lex:` feature's role-book
    # phrase is already quoted; a faint word explains nothing.
    for feat, _weight in quotable:
        seq = feat.split(" ")
        for words, stems in parts:
            at = _position(stems, seq)
            if at is not None:
                last = at + len(seq) - 1
                for w, a, b in taken:
                    # The places first: they rule out most quotes without comparing the texts.
                    if a <= last and at <= b and (w is words or w == words):
                        break
                else:
                    out.append(Evidence(family, "L", pts, note, words, at, last))
                    if len(out) >= LEARNED_QUOTES:
                        return out
                    taken.append((words, at, last))
                break
    return out


def _position(stems: tuple[str, ...] | list[str], seq: list[str]) -> int | None:
    """Where the word, or the pair of words, `seq` first stands in `stems` (None if nowhere)."""
    try:
        at = stems.index(seq[0])
        while len(seq) == 2 and (at + 1 == len(stems) or stems[at + 1] != seq[1]):
            at = stems.index(seq[0], at + 1)
    except ValueError:
        return None
    return at


def infer_seniority(cues: dict[str, float]) -> str:
    """The level the duties describe, from the weighed cue scores.

    Upward evidence (senior, people, director cues) is weighed against junior evidence: a junior
    level needs junior cues that outweigh the upward ones; a senior level needs clear upward
    evidence, or some with no junior cue at all.
    """
    junior = cues.get("junior", 0.0)
    people = cues.get("people", 0.0)
    director = cues.get("director", 0.0)
    executive = cues.get("executive", 0.0)
    upward = cues.get("senior", 0.0) + people + 2.0 * director
    if executive >= 6.0 and director >= 3.0:
        return "executive"
    if director >= 6.0:
        return "director"
    if people >= 6.0 and upward >= 8.0:
        return "manager"
    if upward >= 8.0 or (upward >= 3.0 and junior < 2.0):
        return "senior"
    if junior >= 3.0 and upward < junior:
        return "junior"
    return "mid"


SENIORITY_WORD = {
    "junior": "Junior", "senior": "Senior", "staff": "Staff", "principal": "Principal", "lead": "Lead",
    "director": "Head of", "executive": "VP",
}


def _alias_regex(alias: str) -> re.Pattern[str]:
    words = regex(r"[^\W_]+").findall(alias)
    return regex(r"\b" + r"[\W_]+".join(escape(w) + r"\w*" for w in words) + r"\b", IGNORECASE)


def suggest_title(book: RoleBook, title: TitleInfo | None, family: str | None, seniority: str | None) -> str | None:
    """A corrected title: the inferred family's name in place of the title's role words."""
    if family is None:
        return None
    name = book.families[family].name
    if title is None or title.family is None:
        return name
    if family in title.families:
        return title.text
    if title.alias:
        rx = _alias_regex(title.alias)
        if rx.search(title.text):
            return rx.sub(lambda _m: name, title.text, count=1)
    prefix = SENIORITY_WORD.get(title.seniority or "", "") if title.seniority_explicit else ""
    return f"{prefix} {name}".strip()
