"""Postings that are not Markdown: HTML pages and ATS JSON, turned into Markdown for the parser.

HTML: the title from <h1> (else <title>), headings as Markdown headings, <li> as list items,
entities decoded, scripts and styles ignored; a schema.org JobPosting in JSON-LD wins when present.
ATS JSON: a Greenhouse job (title, content as entity-escaped HTML), a Lever posting (text as the
title, lists of {text, content}, descriptionPlain), a schema.org JobPosting (title, description,
responsibilities); a JSON array (or {"jobs": [...]}) holds several postings.

Line numbers of findings on these inputs refer to the Markdown made of them (`jdfix convert`
prints it). They are read-only: `--write` is refused; `-o FILE` writes an edited Markdown copy.
"""

from __future__ import annotations

from jdfix.errors import InputError, NotAPosting

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("markdown", "html", "json")


def detect(path: str, text: str) -> str:
    """The format of a posting, from its name, or from its first character for stdin."""
    lower = path.lower()
    if lower.endswith((".html", ".htm")):
        return "html"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".md", ".markdown", ".txt")):
        return "markdown"
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        import json  # here and below only: a Markdown posting imports no json

        try:
            json.loads(stripped)
            return "json"
        except (json.JSONDecodeError, RecursionError):
            return "markdown"  # "[Apply here](...)" is Markdown
    head = stripped[:2000].lower()
    if stripped[:1] == "<" and any(tag in head for tag in ("<html", "<!doctype", "<h1", "<h2", "<p", "<ul", "<div",
                                                            "<li", "<body")):
        return "html"
    return "markdown"


def _html_field(value: Any) -> str:
    if isinstance(value, str) and "<" not in value and "\n" in value.strip():
        # plain text, one duty a line
        return "\n".join(f"- {line.strip().lstrip('-*•').strip()}" for line in value.splitlines() if line.strip())
    from jdfix.io.html_markdown import html_to_markdown

    if isinstance(value, list):
        return "\n".join(f"- {html_to_markdown(str(v))[0].strip()}" for v in value if str(v).strip())
    import html

    from jdfix.io.html_markdown import html_to_markdown

    return html_to_markdown(html.unescape(str(value or "")))[0]


def _job_postings(obj: Any) -> list[dict[str, Any]]:
    """schema.org JobPosting objects in a JSON-LD value (plain, a list, or an @graph)."""
    if isinstance(obj, list):
        return [p for item in obj for p in _job_postings(item)]
    if isinstance(obj, dict):
        if obj.get("@type") == "JobPosting" or (isinstance(obj.get("@type"), list) and "JobPosting" in obj["@type"]):
            return [obj]
        if "@graph" in obj:
            return _job_postings(obj["@graph"])
    return []


def posting_from_json(obj: dict[str, Any]) -> str | None:
    """Markdown for one ATS record (Greenhouse, Lever or schema.org JobPosting), or None."""
    found = _job_postings(obj)
    if found:
        obj = found[0]  # the posting itself, also when it sits in an @graph
        parts = [f"# {obj.get('title', '')}".rstrip(), "", _html_field(obj.get("description", ""))]
        if obj.get("responsibilities"):
            parts += ["## Responsibilities", "", _html_field(obj["responsibilities"])]
        return "\n".join(parts).strip() + "\n"
    if isinstance(obj.get("text"), str) and ("lists" in obj or "descriptionPlain" in obj or "description" in obj):
        parts = [f"# {obj['text']}", ""]
        if obj.get("descriptionPlain"):
            parts += [str(obj["descriptionPlain"]).strip(), ""]
        elif obj.get("description"):
            parts += [_html_field(obj["description"]), ""]
        for entry in obj.get("lists") or []:
            if isinstance(entry, dict):
                parts += [f"## {entry.get('text', '')}", "", _html_field(entry.get("content", "")), ""]
        return "\n".join(parts).strip() + "\n"
    if isinstance(obj.get("title"), str) and "content" in obj:
        return f"# {obj['title']}\n\n" + _html_field(obj.get("content", ""))
    return None


def split_postings(path: str, text: str, fmt: str) -> list[tuple[str, str]]:
    """(name, Markdown) for each posting in a file. Raises InputError for JSON that holds none."""
    return [(name, markdown) for name, markdown, _ in postings_in(path, text, fmt)]


# For each line of a converted posting (index = line - 1), the line of the original file it
# came from; None where there is no such line (JSON fields hold whole documents on one line).
LineMap = tuple[int, ...] | None


def postings_in(path: str, text: str, fmt: str) -> list[tuple[str, str, LineMap]]:
    """(name, Markdown, line map) for each posting in a file. Raises InputError for JSON that
    holds none."""
    if fmt == "markdown":
        return [(path, text, None)]
    try:
        return _split(path, text, fmt)
    except InputError as exc:
        if exc.path == "<html>":
            raise InputError(path, exc.reason) from None
        raise


def _split(path: str, text: str, fmt: str) -> list[tuple[str, str, LineMap]]:
    if fmt == "html":
        from jdfix.io.html_markdown import html_to_markdown_mapped

        markdown, origin, ld = html_to_markdown_mapped(text)
        postings = [p for obj in ld for p in _job_postings(obj)]
        if postings:
            converted = posting_from_json(postings[0])
            if converted:
                return [(path, converted, None)]
        return [(path, markdown, origin)]
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None
    records = data.get("jobs", data) if isinstance(data, dict) and isinstance(data.get("jobs"), list) else data
    records = records if isinstance(records, list) else [records]
    out: list[tuple[str, str, LineMap]] = []
    for n, record in enumerate(records):
        converted = posting_from_json(record) if isinstance(record, dict) else None
        if converted is None:
            raise NotAPosting(path, f"record {n} is not a posting (Greenhouse, Lever or schema.org JobPosting)")
        out.append((f"{path}#{n}" if len(records) > 1 else path, converted, None))
    if not out:
        raise NotAPosting(path, "no postings in this JSON file")
    return out
