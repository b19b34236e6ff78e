"""jdfix.memo: lru_cache's memory for a function, without functools."""

from __future__ import annotations

import threading

import pytest

from jdfix.memo import memo


def test_an_answer_is_computed_once_per_arguments_as_lru_cache_keys_them() -> None:
    calls: list[tuple[object, ...]] = []

    @memo(maxsize=8)
    def area(w: int, h: int = 1) -> int:
        calls.append((w, h))
        return w * h

    assert area(2, 3) == area(2, 3) == 6
    assert area(2) == 2 and area(2) == 2
    # As lru_cache: positional and keyword spellings of one call are different keys.
    assert area(2, h=3) == 6 and area(w=2, h=3) == 6
    assert calls == [(2, 3), (2, 1), (2, 3), (2, 3)]


def test_the_oldest_answer_goes_first_when_full() -> None:
    calls: list[int] = []

    @memo(maxsize=2)
    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    for x in (1, 2, 1, 3, 1, 2):
        double(x)
    # 1 and 2 kept; 3 drops 1 (the oldest, though asked again since); 1 drops 2; 2 drops 3
    assert calls == [1, 2, 3, 1, 2]


def test_errors_are_not_remembered_and_unhashable_arguments_raise() -> None:
    tries: list[int] = []

    @memo(maxsize=4)
    def flaky(x: object) -> int:
        tries.append(1)
        if len(tries) == 1:
            raise OSError("first try fails")
        return 7

    with pytest.raises(OSError):
        flaky(1)
    assert flaky(1) == 7 and flaky(1) == 7 and len(tries) == 2
    with pytest.raises(TypeError):
        flaky([1])


def test_the_wrapper_keeps_the_function_s_names_and_can_be_cleared() -> None:
    def named(x: int) -> int:
        """Its doc."""
        return x

    wrapped = memo(maxsize=1)(named)
    assert (wrapped.__name__, wrapped.__qualname__, wrapped.__doc__, wrapped.__module__) == (
        named.__name__, named.__qualname__, named.__doc__, named.__module__)
    assert wrapped.__wrapped__ is named  # type: ignore[attr-defined]
    wrapped(1)
    wrapped.cache_clear()  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        memo(maxsize=0)


def test_threads_asking_at_once_get_equal_answers_and_the_cache_stays_bounded() -> None:
    @memo(maxsize=16)
    def square(x: int) -> int:
        return x * x

    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(2000):
                x = (i * 7 + seed) % 64
                assert square(x) == x * x
        except BaseException as exc:  # noqa: B902 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    (cache,) = [c.cell_contents for c in square.__closure__ or () if isinstance(c.cell_contents, dict)]
    assert 0 < len(cache) <= 16 + len(threads)  # threads adding at once may each add one past the bound
    square(1000)
    assert len(cache) <= 16  # the next answer added brings it back
