"""`@dataclass` for jdfix's own records, made without the dataclasses module.

A `jdfix check` of one posting defines about thirty dataclasses before it reads a line, and
dataclasses compiles five or six small functions from source text for each (`exec`), after
importing inspect (with ast, dis and tokenize): together about a quarter of such a run. This
`dataclass` makes the same classes with one compile each (`__init__`, which must stay as fast as
dataclasses', its byte code kept in the cache folder); the other methods are closures doing what
dataclasses' generated code does.

What is kept, as in dataclasses (Python 3.11), for the options jdfix uses (`frozen`, `slots`,
`field(default=, default_factory=, repr=, compare=)`): the `__init__` signature; `__repr__`
(`Name(a=1, b='x')`, fields with repr=False left out, '...' on recursion); `__eq__` (the same class
only, comparing the tuples of compare fields); `__hash__` (frozen: the hash of that tuple; otherwise
None); frozen assignment raising FrozenInstanceError (an AttributeError); `__slots__` and the
pickling of frozen slotted instances; `__match_args__`. Not kept: no `__dataclass_fields__`, so use
`replace` and `fields` from here, not from dataclasses; no generated `__doc__` for a class without a
docstring; no inheritance between records (none of jdfix's inherit).
"""

from __future__ import annotations

import sys
from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads any such name)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    _T = TypeVar("_T")
else:
    def dataclass_transform(**kwargs):
        return lambda f: f

__all__ = ["FrozenInstanceError", "dataclass", "field", "fields", "replace"]

_MISSING = object()


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


class Field:
    """One field of a record: its name, default or default factory, and whether repr and == use it."""

    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any = _MISSING, default_factory: Any = _MISSING, repr: bool = True,
                 compare: bool = True) -> None:
        self.name = ""
        self.default, self.default_factory, self.repr, self.compare = default, default_factory, repr, compare


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING, repr: bool = True,
          compare: bool = True) -> Any:
    """As dataclasses.field, for a record's field."""
    return Field(default, default_factory, repr, compare)


@dataclass_transform(field_specifiers=(field,))
def dataclass(cls: Any = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    """As dataclasses.dataclass(cls, frozen=frozen, slots=slots)."""
    if cls is None:
        return lambda c: _make(c, frozen, slots)
    return _make(cls, frozen, slots)


def fields(obj: Any) -> tuple[Field, ...]:
    """The fields of a record (or record class), in order."""
    found: tuple[Field, ...] = obj.__record_fields__
    return found


def replace(obj: _T, **changes: Any) -> _T:
    """A copy of the record `obj` with `changes`, through its `__init__` (as dataclasses.replace)."""
    for f in fields(obj):
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    new: _T = obj.__class__(**changes)
    return new


def _make(cls: Any, frozen: bool, slots: bool) -> Any:
    annotations = cls.__dict__.get("__annotations__", {})
    flds: list[Field] = []
    for name, annotation in annotations.items():
        if str(annotation).startswith(("ClassVar", "InitVar", "typing.", "dataclasses.")):
            raise TypeError(f"{cls.__qualname__}.{name}: ClassVar and InitVar need dataclasses.dataclass")
        value = cls.__dict__.get(name, _MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name = name
        flds.append(f)
        # As dataclasses: a plain default stays a class attribute; a field() leaves its default, if
        # any. (With slots the class is made again without them: __init__ holds the defaults.)
        if isinstance(value, Field) and not slots:
            if f.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    names = tuple(f.name for f in flds)
    methods: dict[str, Any] = {
        "__init__": _init(cls, flds, frozen, slots),
        "__repr__": _repr(tuple(f.name for f in flds if f.repr)),
        "__eq__": _eq(tuple(f.name for f in flds if f.compare)),
    }
    if frozen:
        methods["__setattr__"], methods["__delattr__"] = _frozen(cls, names)
        methods["__hash__"] = _hash(tuple(f.name for f in flds if f.compare))
    elif "__hash__" not in cls.__dict__:
        methods["__hash__"] = None
    added: dict[str, Any] = {}
    for attr, fn in methods.items():
        if fn is not None:
            fn.__qualname__ = f"{cls.__qualname__}.{attr}"
        if attr not in cls.__dict__ or (attr == "__hash__" and cls.__dict__.get("__hash__") is None):
            added[attr] = fn
    added["__record_fields__"] = tuple(flds)
    added["__match_args__"] = names
    if not slots:
        for attr, value in added.items():
            setattr(cls, attr, value)
    else:
        # Made once with everything in its body: each attribute set on a made class updates its
        # type slots, and that was most of what a record class cost to make.
        cls = _with_slots(cls, names, frozen, added)
        if frozen:
            # The slots exist only now: the setters __init__ calls (see _init) are theirs.
            init_globals = cls.__init__.__globals__
            for i, name in enumerate(names):
                init_globals[f"__set_{i}__"] = cls.__dict__[name].__set__
    return cls


def _init(cls: Any, flds: list[Field], frozen: bool, slots: bool) -> Any:
    """`__init__`, compiled from source as dataclasses does it (the one compile a record costs).
    A frozen record with slots sets each field through its slot's own setter (`__set_<i>__`,
    filled in by _make once the slots exist): object.__setattr__ looks the name up on the class
    for every field, and made such records nearly twice as slowly (the role book's ~330 records
    are made at every start, and a posting's findings and evidence on the hot path)."""
    params, body = [], []
    globs: dict[str, Any] = {"__record_object__": object}
    for i, f in enumerate(flds):
        if f.default_factory is not _MISSING:
            globs[f"__factory_{i}__"] = f.default_factory
            globs["__record_missing__"] = _MISSING
            params.append(f"{f.name}=__record_missing__")
            value = f"__factory_{i}__() if {f.name} is __record_missing__ else {f.name}"
        else:
            if f.default is not _MISSING:
                globs[f"__default_{i}__"] = f.default
                params.append(f"{f.name}=__default_{i}__")
            else:
                params.append(f.name)
            value = f.name
        if frozen and slots:
            body.append(f"__set_{i}__(self, {value})")
        elif frozen:
            body.append(f"__record_object__.__setattr__(self, {f.name!r}, {value})")
        else:
            body.append(f"self.{f.name} = {value}")
    source = f"def __init__(self, {', '.join(params)}):\n    " + ("\n    ".join(body) or "pass") + "\n"
    namespace: dict[str, Any] = {}
    exec(_compiled(source, f"<record {cls.__qualname__}>"), globs, namespace)
    return namespace["__init__"]


_codes: dict[tuple[str, str], Any] | None = None
_new_codes: dict[tuple[str, str], Any] = {}


def _compiled(source: str, filename: str) -> Any:
    """`compile(source, filename, "exec")`, kept in the cache folder as Python keeps a module's
    byte code: the compiles were most of what records cost a run. A file that cannot be read or
    written only costs the compile."""
    global _codes
    if _codes is None:
        _codes = _load_codes()
    key = (filename, source)
    code = _codes.get(key)
    if code is None:
        code = _codes[key] = compile(source, filename, "exec")
        if not _new_codes:
            import atexit

            atexit.register(_save_codes)
        _new_codes[key] = code
    return code


def _codes_path() -> str:
    import os

    from jdfix.paths import cache_folder

    return os.path.join(cache_folder(), "records", f"{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal")


def _load_codes() -> dict[tuple[str, str], Any]:
    from jdfix.paths import load_marshal_table

    return load_marshal_table(_codes_path())


def _save_codes() -> None:
    """Add this run's compiled `__init__`s to the file (atomically)."""
    from jdfix.paths import save_marshal_table

    save_marshal_table(_codes_path(), _new_codes, ".records-")


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes (also for one or none, as dataclasses' generated code builds it)."""
    if len(names) > 1:
        return attrgetter(*names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return lambda self: ()


def _repr(names: tuple[str, ...]) -> Any:
    from _thread import get_ident

    get = _getter(names)
    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        key = id(self), get_ident()
        if key in running:  # as dataclasses (and reprlib.recursive_repr): a record inside itself
            return "..."
        running.add(key)
        try:
            text: str = self.__class__.__qualname__
            return text + "(" + ", ".join(f"{n}={v!r}" for n, v in zip(names, get(self))) + ")"
        finally:
            running.discard(key)

    return __repr__


def _eq(names: tuple[str, ...]) -> Any:
    get = _getter(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return get(self) == get(other)
        return NotImplemented

    return __eq__


def _hash(names: tuple[str, ...]) -> Any:
    get = _getter(names)

    def __hash__(self: Any) -> int:
        return hash(get(self))

    return __hash__


def _frozen(cls: Any, names: tuple[str, ...]) -> tuple[Any, Any]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _with_slots(cls: Any, names: tuple[str, ...], frozen: bool, added: dict[str, Any]) -> Any:
    """The class made again with `__slots__` (a class's slots are fixed when it is made) and the
    `added` attributes."""
    body = dict(cls.__dict__)
    for name in names:
        body.pop(name, None)  # a default would hide the slot; __init__ holds the defaults
    body.pop("__dict__", None)
    body.pop("__weakref__", None)
    body.update(added)
    body["__slots__"] = names
    body["__qualname__"] = cls.__qualname__
    if frozen:
        # Pickle's default for slots sets each attribute, which a frozen record refuses.
        get = _getter(names)

        def __getstate__(self: Any) -> list[Any]:
            return list(get(self))

        def __setstate__(self: Any, state: list[Any]) -> None:
            for name, value in zip(names, state):
                object.__setattr__(self, name, value)

        body.setdefault("__getstate__", __getstate__)
        body.setdefault("__setstate__", __setstate__)
    return type(cls)(cls.__name__, cls.__bases__, body)

