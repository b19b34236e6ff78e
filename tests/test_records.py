"""jdfix.records.dataclass behaves as dataclasses.dataclass for the options jdfix uses."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from jdfix import records

OPTIONS = [{}, {"frozen": True}, {"slots": True}, {"frozen": True, "slots": True}]


def _shape(make: Any, field: Any, **options: Any) -> type:
    @make(**options)
    class Shape:
        """A record with each kind of field."""

        name: str
        points: float
        words: tuple[str, ...] = field(default=(), repr=False, compare=False)
        extra: dict[str, int] = field(default_factory=dict)
        note: str = "none"

        @property
        def label(self) -> str:
            return f"{self.name}:{self.points}"

    return Shape


def _outcome(call: Any) -> object:
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - the error is the outcome compared
        return type(exc), str(exc)


def _named(cls: type, name: str) -> type:
    """`cls` findable by pickle as this module's `name`."""
    cls.__name__ = cls.__qualname__ = name
    globals()[name] = cls
    return cls


SHAPES = {"+".join(o) or "plain": (_named(_shape(records.dataclass, records.field, **o), f"Ours{i}"),
                                    _named(_shape(dataclasses.dataclass, dataclasses.field, **o), f"Theirs{i}"))
          for i, o in enumerate(OPTIONS)}


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: "+".join(o) or "plain")
def test_a_record_behaves_as_the_dataclass(options: dict[str, Any]) -> None:
    ours, theirs = SHAPES["+".join(options) or "plain"]
    cases = [(("a", 1.0), {}), (("a", 1.0), {"words": ("x",), "note": "n"}), (("b",), {"points": float("nan")}),
             (("c", 2), {"extra": {"k": 1}})]
    for args, kwargs in cases:
        a, b = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(a) == repr(b).replace("Theirs", "Ours")
        assert a.label == b.label
        assert (a == ours(*args, **kwargs)) == (b == theirs(*args, **kwargs))
        assert (a == ours("other", 0.0)) == (b == theirs("other", 0.0)) is False
        assert (a == b) is False  # another class
        assert (type(a).__hash__ is None) == (type(b).__hash__ is None)
        assert repr(_outcome(lambda: hash(a))) == repr(_outcome(lambda: hash(b))).replace(  # noqa: B023 - called at once
            "Theirs", "Ours")
        again = pickle.loads(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL))
        assert repr(again) == repr(a) and type(again) is type(a)
        assert repr(copy.copy(a)) == repr(a)
        assert repr(records.replace(a, note="changed")) == repr(dataclasses.replace(b, note="changed")).replace(
            "Theirs", "Ours")
        assert [f.name for f in records.fields(a)] == [f.name for f in dataclasses.fields(b)]
    assert ours.__match_args__ == theirs.__match_args__
    assert hasattr(ours, "__slots__") == hasattr(theirs, "__slots__")
    assert ours("a", 1).extra is not ours("a", 1).extra  # a new dict for each
    with pytest.raises(TypeError):
        ours()
    if options.get("frozen"):
        with pytest.raises(AttributeError, match="cannot assign to field 'name'"):
            ours("a", 1).name = "b"  # type: ignore[misc]
        with pytest.raises(AttributeError, match="cannot delete field 'name'"):
            del ours("a", 1).name  # type: ignore[misc]
    else:
        a = ours("a", 1)
        a.name = "b"
        assert a.name == "b"


def test_a_recursive_record_repr_stops() -> None:
    @records.dataclass
    class Node:
        children: list[Any]

    node = Node([])
    node.children.append(node)
    assert repr(node).endswith("Node(children=[...])")


def test_class_variables_need_the_real_dataclass() -> None:
    with pytest.raises(TypeError, match="ClassVar"):
        @records.dataclass
        class Rule:
            code: ClassVar[str]  # type: ignore[name-defined]  # noqa: F821


def test_init_code_comes_from_the_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "_codes", None)
    monkeypatch.setattr(records, "_new_codes", {})
    first = records._compiled("def __init__(self, a):\n    self.a = a\n", "<record Test>")
    records._save_codes()  # what the process does at exit
    monkeypatch.setattr(records, "_codes", None)
    monkeypatch.setattr(records, "_new_codes", {})
    again = records._compiled("def __init__(self, a):\n    self.a = a\n", "<record Test>")
    assert again == first and records._new_codes == {}, "read back, not compiled"


def test_a_damaged_code_file_costs_only_a_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    path = Path(records._codes_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not marshal data")
    monkeypatch.setattr(records, "_codes", None)
    monkeypatch.setattr(records, "_new_codes", {})
    ns: dict[str, Any] = {}
    exec(records._compiled("def __init__(self, a):\n    self.a = a\n", "<record Test>"), {}, ns)
    assert ns["__init__"].__code__.co_varnames[:2] == ("self", "a")
