"""The answer contract: parse leniently, validate, sanitise. An invalid answer says exactly why."""

from __future__ import annotations

from jdfix.engine.regexes import DOTALL, regex
from jdfix.rewriter.llm.errors import AnswerError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from typing import Any

MAX_TITLE = 100
MAX_DUTY = 300
MAX_DUTIES = 30
MAX_RATIONALE = 1000

ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "description": "the corrected job title"},
        "duties": {"type": "array", "items": {"type": "string"}, "description": "one duty per item, verb first"},
        "rationale": {"type": "string", "description": "why, in one or two sentences"},
    },
    "required": ["title", "duties", "rationale"],
    "additionalProperties": False,
}

_FENCE_RE = regex(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", DOTALL)
_TAG_RE = regex(r"<[^>]{0,200}>")
_MD_RE = regex(r"^\s*(?:#{1,6}\s*|[-*+•]\s+|\d{1,3}[.)]\s+|>\s*)")
_EMPH_RE = regex(r"\*\*|__|`")
_HASHES_RE = regex(r"(?:^|(?<=\s))#{1,6}(?=\s|$)")
_CONTROL_RE = regex(r"[\x00-\x1f\x7f\u2028\u2029]")


def _loads(content: str) -> Any:
    text = content.strip()
    m = _FENCE_RE.match(text)
    if m:
        text = m.group(1)
    if not text.startswith("{"):
        start, end = text.find("{"), text.rfind("}")
        if start < 0 or end <= start:
            raise AnswerError("the answer is not a JSON object")
        text = text[start : end + 1]
    import json  # only for a fresh answer: one from the cache is read without the json module

    try:
        # strict=False accepts raw control characters (newlines, tabs) inside strings.
        return json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise AnswerError(f"the answer is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None


def clean_line(value: str) -> str:
    """One plain line: no HTML, no Markdown block markers or emphasis, no control characters."""
    if "&" in value:  # html.unescape changes nothing else; and html loads a big table of entities
        import html

        text = html.unescape(value)
    else:
        text = value
    text = _TAG_RE.sub(" ", text)
    text = _CONTROL_RE.sub(" ", text)
    text = _MD_RE.sub("", text)
    text = _HASHES_RE.sub(" ", text)  # "## Injected" mid-line; "C#" stays
    text = _EMPH_RE.sub("", text)
    text = text.replace("<", "").replace(">", "")
    return " ".join(text.split())


def parse_answer(content: str | None, finish_reason: str | None = None) -> dict[str, Any]:
    """Parse, validate and sanitise an answer. Returns {"title", "duties", "rationale", ...}.

    Raises AnswerError naming the first problem (it goes back to the model in the repair round).
    """
    if finish_reason == "length":
        raise AnswerError("the answer was cut off (finish_reason=length); answer with less text")
    if finish_reason == "content_filter":
        raise AnswerError("the answer was withheld by the provider's content filter")
    if not content or not content.strip():
        raise AnswerError("the answer is empty")
    return check_answer(_loads(content))


def check_answer(data: object) -> dict[str, Any]:
    """Validate and sanitise an answer object: a fresh one, or one read back from the cache.

    Types are strict (no coercion), every field becomes one plain line, and the sizes are bounded:
    title <= 100 characters, 1 to 30 duties of <= 300 characters. Raises AnswerError.
    """
    if not isinstance(data, dict):
        raise AnswerError("the answer is not a JSON object")
    for key, kind in (("title", str), ("duties", list), ("rationale", str)):
        if key not in data:
            raise AnswerError(f"{key}: field required")
        if not isinstance(data[key], kind):
            raise AnswerError(f"{key}: expected {'a string' if kind is str else 'an array of strings'}")
    for i, duty in enumerate(data["duties"]):
        if not isinstance(duty, str):
            raise AnswerError(f"duties.{i}: expected a string")
    title = clean_line(data["title"])
    if not title:
        raise AnswerError("title: empty")
    if len(title) > MAX_TITLE:
        raise AnswerError(f"title: {len(title)} characters, at most {MAX_TITLE}")
    duties = [d for d in (clean_line(x) for x in data["duties"]) if d]
    if not 1 <= len(duties) <= MAX_DUTIES:
        raise AnswerError(f"duties: {len(duties)} items, expected 1 to {MAX_DUTIES}")
    for i, d in enumerate(duties):
        if len(d) > MAX_DUTY:
            raise AnswerError(f"duties.{i}: {len(d)} characters, at most {MAX_DUTY}")
    rationale = clean_line(data["rationale"])[:MAX_RATIONALE]
    extra = {k: v for k, v in data.items() if k not in ("title", "duties", "rationale", "extra")}
    if isinstance(data.get("extra"), dict):
        extra = {**data["extra"], **extra}
    return {"title": title, "duties": duties, "rationale": rationale, **({"extra": extra} if extra else {})}
