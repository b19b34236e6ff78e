"""Analyser._mask_role_names looks only where a role name's first two words stand: it must mask
exactly what trying every word of the text would (the plain loop below, its earlier form)."""

from __future__ import annotations

import random

import pytest

from jdfix.engine.analysis import MASK, Analyser
from jdfix.engine.phrases import Words, content_words, stems_of
from jdfix.engine.rolebook import RoleBook, load_role_book, title_names

FILLER = ("work with the", "and", "lead the engineering team of", "our", "report to a", "data", "product",
          "senior", "manager", "owner of the backlog", "with", "engineer", "team", "the", "scrum",
          "platform wizard", "chief platform wizard", "wizard")
TITLES = ("Senior Product Owner", "Lead Data Engineer", "Product Owner", "Engineering Manager", "Scrum Master",
          "Data Product Manager", "Chief Platform Wizard")  # the last no role name the book knows


def every_word(book: RoleBook, words: Words, extra: tuple[str, ...]) -> list[str]:
    """The role names and generic phrases of `book` in `words`, masked by trying each word in turn."""
    stems = words.stems
    masked = list(stems)
    free = 0
    for i, s in enumerate(stems):
        if i < free:
            continue
        hit, token = 0, MASK
        if extra and s == extra[0] and stems[i : i + len(extra)] == extra:
            if all(words.joined[k] for k in range(i + 1, i + len(extra))):
                hit = len(extra)
        if not hit:
            for seq, role in book.role_name_masks.get(s, ()):
                if stems[i : i + len(seq)] == seq and all(words.joined[k] for k in range(i + 1, i + len(seq))):
                    hit, token = len(seq), role or MASK
                    break
        if hit:
            masked[i : i + hit] = [token] + [MASK] * (hit - 1)
            free = i + hit
    return masked


@pytest.fixture(scope="module")
def book() -> RoleBook:
    return load_role_book(())


def texts(book: RoleBook, n: int, seed: int) -> list[str]:
    """Random duty texts of role names (each family's titles), fillers that hold their words apart
    or next to each other, and repeats."""
    names = sorted({name for fam in book.families.values() for name in title_names(fam)})
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(names) if rng.random() < 0.4 else rng.choice(FILLER) for _ in range(rng.randint(1, 9))]
        if rng.random() < 0.2:
            parts += parts[: rng.randint(1, len(parts))]  # a name said twice
        out.append(" ".join(parts))
    return out


def test_masks_as_trying_every_word(book: RoleBook) -> None:
    analyser = Analyser(book)
    masked_some = 0
    for k, text in enumerate(texts(book, 1500, seed=14)):
        title = stems_of(TITLES[k % len(TITLES)]) if k % 3 else ()
        words = content_words(text)
        want = every_word(book, words, title)
        got = list(analyser._mask_role_names(words, title))
        assert got == want, text
        masked_some += want != list(words.stems)
    # The texts exercise the masking, not only the quick return of a text that names no role.
    assert masked_some > 500


@pytest.mark.parametrize("text, title, want", [
    ("coach the product owner", "Scrum Master", ["coach", "@product-owner", MASK]),
    ("support the scrum master", "Scrum Master", ["support", MASK, MASK]),  # the posting's own title
    ("work as scrum master and product owner", "", ["work", "@scrum-master", MASK, "@product-owner", MASK]),
    ("scrum the master", "Scrum Master", ["scrum", "master"]),  # a stop word between: not the name
    ("our lead data engineer mentors", "Lead Data Engineer", [MASK, MASK, MASK, "mentor"]),
])
def test_examples(book: RoleBook, text: str, title: str, want: list[str]) -> None:
    words = content_words(text)
    title_stems = stems_of(title) if title else ()
    assert list(Analyser(book)._mask_role_names(words, title_stems)) == want
