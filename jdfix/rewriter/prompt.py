"""Render the prompt from the Jinja2 templates in prompts/ (or a folder given by --prompts).

Templates render with StrictUndefined: a template that names a missing value is an error, not a
silent blank. The posting goes in between <posting> delimiters, with any delimiter inside it
neutralised, so it stays data.
"""

from __future__ import annotations

import os

from jdfix.engine.analysis import Analysis
from jdfix.engine.retitle import SENIORITY_CODES, level_fix, retitle
from jdfix.engine.rules import Finding
from jdfix.errors import ConfigError
from jdfix.paths import blake2b_16, cache_folder, tidy, unmarshal_bytes, write_marshal
from jdfix.rewriter.suggestion import belongs_elsewhere, typical_duties

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

TEMPLATES = ("system.j2", "user.j2", "repair.j2")
MAX_POSTING_CHARS = 24_000


def default_prompts_dir() -> str:
    """prompts/ inside the installed package, or at the top of a source checkout."""
    # Paths are strings here, as on the check path: pathlib (with urllib.parse and ipaddress) was a
    # third of what a rewrite answered from the cache cost beyond `jdfix check`.
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # the jdfix package folder
    for candidate in (os.path.join(here, "prompts"), os.path.join(os.path.dirname(here), "prompts")):
        if os.path.isfile(os.path.join(candidate, "user.j2")):
            return candidate
    raise ConfigError("the prompt templates are missing from this installation")


def _oneline(value: object) -> str:
    return " ".join(str(value).split())


def _fence(value: object) -> str:
    text = str(value)
    if len(text) > MAX_POSTING_CHARS:
        text = text[:MAX_POSTING_CHARS] + "\n[... the rest of the posting is left out ...]"
    return text.replace("<posting>", "<posting_>").replace("</posting>", "</posting_>")


class PromptBook:
    """The loaded templates of one folder. Jinja2 is loaded on the first render: a run whose
    prompts are all remembered (see messages_for) never imports it."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = tidy(os.fspath(folder)) if folder else default_prompts_dir()
        missing = [t for t in TEMPLATES if not os.path.isfile(os.path.join(self.folder, t))]
        if missing:
            raise ConfigError(f"{self.folder}: prompt template {missing[0]} is missing")
        self._env: Any = None

    @property
    def env(self) -> Any:
        """The Jinja2 environment of this folder (made on first use)."""
        if self._env is None:
            self._env = self._environment()
        return self._env

    def _environment(self) -> Any:
        import jinja2

        # Compiled templates are kept beside the other caches: compiling them costs more than a
        # cache-hit run does otherwise. A cache folder that cannot be written only costs speed.
        bytecode_cache = None
        try:
            # Jinja2 keys compiled templates by their path as UTF-8: a folder named in other bytes
            # (undecodable, kept as surrogates) would fail every render.
            self.folder.encode()
            folder_for_bytecode = os.path.join(cache_folder(), "templates")
            os.makedirs(folder_for_bytecode, exist_ok=True)
            bytecode_cache = jinja2.FileSystemBytecodeCache(folder_for_bytecode)
        except (OSError, UnicodeEncodeError):
            pass
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.folder),
            bytecode_cache=bytecode_cache,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=False,
        )
        env.filters["oneline"] = _oneline
        env.filters["fence"] = _fence
        return env

    def _path(self, name: str) -> str:
        return tidy(os.path.join(self.folder, name))

    def render(self, name: str, context: dict[str, Any]) -> str:
        import jinja2

        try:
            text: str = self.env.get_template(name).render(**context)
            return text.strip() + "\n"
        except jinja2.TemplateError as exc:
            raise ConfigError(f"{self._path(name)}: {type(exc).__name__}: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{self._path(name)}: not UTF-8 text") from None
        except OSError as exc:
            raise ConfigError(f"{self._path(name)}: cannot read: {exc.strerror or exc}") from None


# Findings a rewrite of the title and duties cannot act on: only the employer knows the pay.
NOT_FOR_REWRITE = frozenset({"JD407"})


def context_for(analysis: Analysis, findings: list[Finding] | tuple[Finding, ...],
                direction: str = "retitle") -> dict[str, Any]:
    """The values templates can use, from the parsed posting and its analysis. `direction` is
    "retitle" (make the title fit the duties) or "keep-title" (make the duties fit the title)."""

    book = analysis.book
    doc = analysis.document
    title = analysis.title

    def name(fid: str | None) -> str:
        return book.families[fid].name if fid and fid in book.families else "unknown"

    if direction == "keep-title":
        target_id = title.family if title else None
    else:
        target_id = analysis.inferred_family or (title.family if title else None)
    target = None
    if target_id:
        fam = book.families[target_id]
        target = {"id": fam.id, "name": fam.name, "summary": fam.summary, "notes": typical_duties(analysis, target_id)}
    duties = []
    for u in analysis.duties:
        duties.append({
            "text": u.duty.text,
            "family": u.family,
            "family_name": name(u.family),
            "evidence": [" ".join(e.quote.split()) for e in u.evidence[:2]],
        })
    level = None
    if doc.title is not None and any(f.code in SENIORITY_CODES for f in findings):
        # The level the rules would give the title, and why: one phrase moves it one step at most.
        level = level_fix(analysis, doc.title.text, target_id)[1]
    # The offline suggestion's title (family, level and wording fixed), as `jdfix check` reports it.
    rules_title = retitle(analysis, findings)
    return {
        "level": level,
        "title": doc.title.text if doc.title else "",
        "title_family": title.family if title else None,
        "title_family_name": name(title.family if title else None),
        "title_seniority": title.seniority if title else None,
        "inferred_family": analysis.inferred_family,
        "inferred_family_name": name(analysis.inferred_family),
        "inferred_seniority": analysis.inferred_seniority,
        "confidence": analysis.confidence,
        "suggested_title": rules_title.title if rules_title else analysis.suggested_title or "",
        "findings": [{"code": f.code, "name": f.name, "message": f.message} for f in findings
                     if f.code not in NOT_FOR_REWRITE],
        "target": target,
        "duties": duties,
        "duty_count": len(duties),
        "direction": direction,
        "elsewhere": belongs_elsewhere(analysis, target_id),
        "posting": doc.text,
    }


def messages_for(prompts: PromptBook, context: dict[str, Any]) -> list[dict[str, str]]:
    """The chat messages of the first request.

    Rendered messages are remembered in the cache folder, keyed by everything that shapes them
    (the context, the templates' and this module's files, Jinja2's, jdfix's version): a run that
    finds its answers in the response cache then never imports Jinja2, about half of what such a
    run costs beyond `jdfix check`. They are kept in marshal form, and the context is keyed by its
    repr, so such a run needs no json module either. A cache folder that cannot be written only
    costs speed.
    """
    memo = _memo_path(prompts, context)
    if memo is not None:
        try:
            with open(memo, "rb") as fh:
                remembered = unmarshal_bytes(fh.read())
            if isinstance(remembered, list):
                return remembered
        except (OSError, EOFError, ValueError, TypeError):
            pass
    messages = [
        {"role": "system", "content": prompts.render("system.j2", context)},
        {"role": "user", "content": prompts.render("user.j2", context)},
    ]
    if memo is not None:
        _remember(memo, messages)
    return messages


def _memo_path(prompts: PromptBook, context: dict[str, Any]) -> str | None:
    import sys

    from jdfix.version import __version__

    try:
        # The path finder of Python's own import system, loaded at start-up: importing
        # importlib.machinery (with importlib and warnings) cost about 3M instructions a rewrite.
        PathFinder = sys.modules["_frozen_importlib_external"].PathFinder
    except (KeyError, AttributeError):  # pragma: no cover - other Python implementations
        from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("jinja2")
    try:
        # Every template of the folder: one may include another.
        files = sorted(os.path.join(prompts.folder, n) for n in os.listdir(prompts.folder) if n.endswith(".j2"))
        files.append(__file__)
        if spec is not None and spec.origin:
            files.append(spec.origin)
        h = blake2b_16(f"{__version__}|{sys.implementation.cache_tag}".encode())
        for f in files:
            st = os.stat(f)
            h.update(f"|{os.path.realpath(f)}|{st.st_size}|{st.st_mtime_ns}".encode())
        # The repr of JSON-like values: equal reprs are equal contexts (the json module is not loaded).
        h.update(repr(context).encode())
    except (OSError, UnicodeEncodeError):  # a folder named in bytes that are not UTF-8: not remembered
        return None
    key = h.hexdigest()
    # Not *.json: the response cache (the same folder by default) counts its entries by that name.
    # ".prompts": the marshal form (".prompt" files held JSON).
    return os.path.join(cache_folder(), "prompts", f"{key}.prompts")


def _remember(memo: str, messages: list[dict[str, str]]) -> None:
    try:
        write_marshal(memo, messages, ".prompt-")
        _prune_daily(os.path.dirname(memo))
    except OSError:
        pass


def _prune_daily(folder: str) -> None:
    """At most once a day, remove remembered prompts written 30 days ago or more (and stray
    temporary files): each edited posting or template leaves one behind."""
    import time

    from jdfix.engine.rolebook import STALE_AFTER

    marker = os.path.join(folder, ".pruned")
    now = time.time()
    try:
        if now - os.stat(marker).st_mtime < 24 * 3600:
            return
        os.utime(marker)
    except FileNotFoundError:
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT, 0o666))
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                age = now - entry.stat().st_mtime
                if (entry.name.endswith(".tmp") and age > 3600) or (entry.name.endswith((".prompt", ".prompts")) and age > STALE_AFTER):
                    os.unlink(entry.path)
            except OSError:
                pass  # another process removed it first
