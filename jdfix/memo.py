"""`memo(maxsize)`: functools.lru_cache's memory for a function, without importing functools.

functools imports collections (with keyword, operator and reprlib): about a tenth of a one-file
`jdfix check` beyond Python's own start-up, for a decorator. Each cache here is a dict keyed by the
call's arguments, as lru_cache keys them (positional arguments alone, or with the keyword
arguments in the order given); when it holds `maxsize` answers the oldest ones are dropped (first
in, first out: no reordering on a hit, which these caches do not need). Unhashable arguments
raise TypeError, as with lru_cache. Two threads asking at once may both compute an answer, as with
lru_cache; the answers are equal and either is kept. Threads adding at once can leave a few more
than `maxsize` answers, until the next one added brings it back.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    _F = TypeVar("_F", bound=Callable[..., Any])

_KWARGS = object()  # separates positional from keyword arguments in a key (as lru_cache's kwd_mark)


def memo(maxsize: int) -> Callable[[_F], _F]:
    """Keep up to `maxsize` (>= 1) answers of the decorated function."""
    if maxsize < 1:
        raise ValueError("maxsize must be at least 1")

    def decorate(func: _F) -> _F:
        cache: dict[object, Any] = {}

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key: object = args if not kwargs else (*args, _KWARGS, *kwargs.items())
            try:
                return cache[key]
            except KeyError:
                pass
            value = func(*args, **kwargs)
            try:
                while len(cache) >= maxsize:
                    cache.pop(next(iter(cache)), None)
            except (StopIteration, RuntimeError):  # another thread emptied or changed it first
                pass
            cache[key] = value
            return value

        wrapper.__name__ = func.__name__
        wrapper.__qualname__ = func.__qualname__
        wrapper.__doc__ = func.__doc__
        wrapper.__module__ = func.__module__
        wrapper.__wrapped__ = func  # type: ignore[attr-defined]
        wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
