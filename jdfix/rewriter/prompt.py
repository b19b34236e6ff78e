"""Render the prompt from the Jinja2 templates in prompts/ (or a folder given by --prompts).

Templates render with StrictUndefined: a template that names a missing value is an error, not a
silent blank. The posting goes in between <posting> delimiters, with any delimiter inside it
neutralised, so it stays data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jdfix.engine.analysis import Analysis
from jdfix.engine.retitle import SENIORITY_CODES, level_fix, retitle
from jdfix.engine.rules import Finding
from jdfix.errors import ConfigError
from jdfix.paths import cache_dir
from jdfix.rewriter.suggestion import belongs_elsewhere, typical_duties

TEMPLATES = ("system.j2", "user.j2", "repair.j2")
MAX_POSTING_CHARS = 24_000


def default_prompts_dir() -> Path:
    """prompts/ inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parents[1]  # the jdfix package folder
    for candidate in (here / "prompts", here.parent / "prompts"):
        if (candidate / "user.j2").is_file():
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
    """The loaded templates of one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        import jinja2

        self.folder = Path(folder) if folder else default_prompts_dir()
        missing = [t for t in TEMPLATES if not (self.folder / t).is_file()]
        if missing:
            raise ConfigError(f"{self.folder}: prompt template {missing[0]} is missing")
        # Compiled templates are kept beside the other caches: compiling them costs more than a
        # cache-hit run does otherwise. A cache folder that cannot be written only costs speed.
        bytecode_cache = None
        try:
            folder_for_bytecode = cache_dir() / "templates"
            folder_for_bytecode.mkdir(parents=True, exist_ok=True)
            bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder_for_bytecode))
        except OSError:
            pass
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.folder)),
            bytecode_cache=bytecode_cache,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=False,
        )
        self.env.filters["oneline"] = _oneline
        self.env.filters["fence"] = _fence

    def render(self, name: str, context: dict[str, Any]) -> str:
        import jinja2

        try:
            return self.env.get_template(name).render(**context).strip() + "\n"
        except jinja2.TemplateError as exc:
            raise ConfigError(f"{self.folder / name}: {type(exc).__name__}: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{self.folder / name}: not UTF-8 text") from None
        except OSError as exc:
            raise ConfigError(f"{self.folder / name}: cannot read: {exc.strerror or exc}") from None


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
    """The chat messages of the first request."""
    return [
        {"role": "system", "content": prompts.render("system.j2", context)},
        {"role": "user", "content": prompts.render("user.j2", context)},
    ]
