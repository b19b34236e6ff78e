"""Review: take changes one by one (like `git add -p`)."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from typing import IO

from jdfix.edit.apply import Change
from jdfix.records import dataclass, field, replace

HELP = """y - apply this change
n - do not apply this change
e - edit the new text, then apply it
a - apply this change and all later changes in this posting
d - do not apply this change or any later change in this posting
q - quit: do not apply this change or any later change (in any posting)
? - print help"""


@dataclass
class Review:
    """The outcome of reviewing one posting's changes."""

    accepted: list[Change] = field(default_factory=list)
    skipped: list[Change] = field(default_factory=list)
    quit: bool = False


def describe(change: Change) -> str:
    if change.kind == "title":
        return "the title"
    return {"replace": "a duty reworded", "add": "a duty added", "remove": "a duty removed",
            "details": "a line under the title (what moved out of it)"}[change.kind]


class Reviewer:
    """Asks about each change on a terminal: y / n / e / a / d / q / ?."""

    def __init__(self, read: Callable[[], str], out: IO[str], editor: str | None = None) -> None:
        self.read = read
        self.out = out
        self.editor = editor

    def _ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.read()
        if line == "":
            # End of input (Ctrl-D): stop, keep what was accepted; end the prompt's line first so
            # what follows does not print on it.
            self.out.write("\n")
            return "q"
        return line.strip().lower()[:1]

    def _edit(self, text: str) -> str:
        if self.editor:
            with tempfile.NamedTemporaryFile("w+", suffix=".txt", delete=False, encoding="utf-8") as fh:
                fh.write(text + "\n")
                name = fh.name
            try:
                subprocess.run([*shlex.split(self.editor), name], check=False)
                with open(name, encoding="utf-8") as fh:
                    lines = [ln.strip() for ln in fh.read().splitlines() if ln.strip()]
            finally:
                os.unlink(name)
            return " ".join(lines) if lines else text
        self.out.write(f"New text (Enter keeps it): {text}\n> ")
        self.out.flush()
        raw = self.read()
        if raw == "":
            self.out.write("\n")  # Ctrl-D: keep the text, and leave the prompt's line
        return raw.strip() or text

    def review(self, path: str, changes: list[Change], reasons: dict[int, str]) -> Review:
        """Ask about each change of one posting. `reasons` maps a change's position to why."""
        result = Review()
        mode: str | None = None  # "a" accept the rest, "d" skip the rest
        total = len(changes)
        for n, change in enumerate(changes):
            if mode == "a":
                result.accepted.append(change)
                continue
            if mode == "d":
                result.skipped.append(change)
                continue
            self.out.write(f"\n{path}: change {n + 1}/{total}, {describe(change)}")
            if change.line:
                self.out.write(f" (line {change.line})")
            self.out.write("\n")
            if reasons.get(n):
                self.out.write(f"  why: {reasons[n]}\n")
            if change.old is not None:
                self.out.write(f"- {change.old}\n")
            if change.new is not None:
                self.out.write(f"+ {change.new}\n")
            while True:
                answer = self._ask("Apply this change [y,n,e,a,d,q,?]? ")
                if answer == "y":
                    result.accepted.append(change)
                elif answer == "n":
                    result.skipped.append(change)
                elif answer == "e":
                    if change.new is None:
                        self.out.write("Nothing to edit: this change removes a duty.\n")
                        continue
                    edited = self._edit(change.new)
                    result.accepted.append(replace(change, new=edited))
                elif answer == "a":
                    result.accepted.append(change)
                    mode = "a"
                elif answer == "d":
                    result.skipped.append(change)
                    mode = "d"
                elif answer == "q":
                    result.skipped.extend(changes[n:])
                    result.quit = True
                    return result
                else:
                    self.out.write(HELP + "\n")
                    continue
                break
        return result
