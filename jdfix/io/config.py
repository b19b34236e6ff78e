"""Configuration: `jdfix.toml`, or `[tool.jdfix]` in `pyproject.toml`. Flags override the file; the file
overrides the defaults. Unknown keys are errors.

As with ruff and black, each posting is checked with the configuration nearest to its own folder
(that folder, then its parents; in one folder `jdfix.toml` wins over `pyproject.toml`); the
nearest file wins whole, it is not merged with files further up. `--config FILE` applies one file
to every posting. Settings of the run itself (jobs, exclude, the LLM) come from the file found
from the working folder.


    select = ["ALL"]                 # rule codes, prefixes (JD1) or names
    ignore = ["JD103"]
    fail_level = "warning"           # warning | error
    roles = ["roles/"]               # extra role-family profiles, relative to the file
    model = "gpt-4o-mini"
    base_url = "http://localhost:8080/v1"
    cache_dir = ".jdfix-cache"       # relative to the file
    jobs = 4
    exclude = ["node_modules", "README*"]  # folder walks skip these (replaces the default list)
    extend-exclude = ["drafts/old/**"]     # ... or these as well as the default list
    [severity]                       # per-rule severity
    JD204 = "warning"
    [rules.JD101]                    # per-rule options (see `jdfix rules`)
    min_ratio = 2.0
"""

from __future__ import annotations

import os

from jdfix.engine.checker import CheckOptions
from jdfix.engine.regexes import MULTILINE, regex
from jdfix.engine.rules import RuleSet
from jdfix.errors import ConfigError
from jdfix.paths import read_toml
from jdfix.records import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from pathlib import Path  # imported only once a configuration file is found (see jdfix.paths)
    from typing import Any

CONFIG_FILE = "jdfix.toml"
KEYS: dict[str, type | tuple[type, ...]] = {
    "select": list, "ignore": list, "fail_level": str, "roles": list, "model": str, "base_url": str,
    "cache_dir": str, "jobs": int, "severity": dict, "rules": dict, "exclude": list, "extend-exclude": list,
}
FAIL_LEVELS = ("warning", "error")
_ENTRY_RE = regex(r"#\d+$")  # the "#3" of file.json#3


@dataclass(frozen=True)
class Config:
    """The settings a file gives, with where each came from."""

    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def source(self, key: str) -> str:
        if key not in self.values:
            return "default"
        assert self.path is not None
        return f"{self.path}" + (" [tool.jdfix]" if self.path.name == "pyproject.toml" else "")


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest `jdfix.toml`, or `pyproject.toml` with a [tool.jdfix] table, from `start` up."""
    folder = os.path.realpath(os.getcwd() if start is None else start)
    while True:
        for name in (CONFIG_FILE, "pyproject.toml"):
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name == CONFIG_FILE or _has_tool_table(candidate)):
                from pathlib import Path

                return Path(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    if not _may_name_tool_table(text):
        return False
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return True  # it names jdfix but is broken: reading it will say so
    return isinstance(tool, dict) and "jdfix" in tool


# Every way TOML can spell the table tool.jdfix: "tool", a dot and "jdfix" in a header or a dotted
# key (quotes and spaces allowed), a "jdfix" key inside a [tool] table, or an inline "tool" table.
_TOOL_DOT_JDFIX_RE = regex(r"""\btool["']?[ \t]*\.[ \t]*["']?jdfix\b""")
_TOOL_HEADER_RE = regex(r"""^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\]""", MULTILINE)
_JDFIX_KEY_RE = regex(r"""^[ \t]*["']?jdfix["']?[ \t]*[.=]""", MULTILINE)
_TOOL_INLINE_RE = regex(r"""^[ \t]*["']?tool["']?[ \t]*=""", MULTILINE)


def _may_name_tool_table(text: str) -> bool:
    """False only where the text cannot hold a [tool.jdfix] table: a pyproject.toml that names
    jdfix elsewhere (a dependency, a script) is not parsed (tomllib costs a few ms to import).
    A quoted key may spell either name with escapes ("\\u0074ool"): a text with one is parsed."""
    if "\\u" in text or "\\U" in text:
        return True
    return "jdfix" in text and bool(_TOOL_DOT_JDFIX_RE.search(text) or _TOOL_INLINE_RE.search(text)
                or (_TOOL_HEADER_RE.search(text) and _JDFIX_KEY_RE.search(text)))


def _read(path: Path) -> dict[str, Any]:
    data = read_toml(path, ConfigError)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("jdfix", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.jdfix] must be a table")
    return data


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read and validate the configuration file (`path`, or the nearest one). Raises ConfigError."""
    path = path or find_config(start)
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    data = _read(path)
    where = f"{path}" + (" [tool.jdfix]" if path.name == "pyproject.toml" else "")
    return Config(validate(data, where, path.parent), path)


def validate(data: dict[str, Any], where: str, base: Path | None = None) -> dict[str, Any]:
    """Check a configuration's keys and values; resolve its paths against `base`. Raises ConfigError."""
    data = dict(data)
    for key, value in data.items():
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        expected = KEYS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{where}: {key} must be {_type_name(expected)}")
    for key in ("select", "ignore", "roles", "exclude", "extend-exclude"):
        if key in data and not all(isinstance(v, str) for v in data[key]):
            raise ConfigError(f"{where}: {key} must be a list of strings")
    if data.get("fail_level") not in (None, *FAIL_LEVELS):
        raise ConfigError(f"{where}: fail_level must be one of {', '.join(FAIL_LEVELS)}")
    if "jobs" in data and data["jobs"] < 1:
        raise ConfigError(f"{where}: jobs must be at least 1")
    for code, sev in data.get("severity", {}).items():
        if sev not in ("info", "warning", "error"):
            raise ConfigError(f"{where}: severity.{code} must be info, warning or error")
    for code, options in data.get("rules", {}).items():
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: [rules.{code}] must be a table of options")
    from pathlib import Path

    base = base or Path.cwd()
    if "roles" in data:
        data["roles"] = [str((base / Path(p).expanduser()).resolve()) for p in data["roles"]]
    if "cache_dir" in data:
        data["cache_dir"] = str((base / Path(data["cache_dir"]).expanduser()).resolve())
    _check_rules(data, where)
    return data


def check_options(config: Config | dict[str, Any] | None = None, *, select: tuple[str, ...] = (),
                  ignore: tuple[str, ...] = (), fail_level: str | None = None, roles: tuple[str, ...] = (),
                  input_format: str = "auto") -> CheckOptions:
    """CheckOptions from a configuration (a Config, or a dict of its keys) and flags; flags win."""
    if config is None:
        config = Config()
    elif isinstance(config, dict):
        config = Config(validate(config, "configuration"))
    if fail_level is not None and fail_level not in FAIL_LEVELS:
        raise ConfigError(f"fail_level must be one of {', '.join(FAIL_LEVELS)}")
    return CheckOptions(
        select=select or tuple(config.get("select", ("ALL",))),
        ignore=ignore or tuple(config.get("ignore", ())),
        severity=tuple(sorted(config.get("severity", {}).items())),
        rule_options=tuple(sorted((code, tuple(sorted(opts.items())))
                                  for code, opts in config.get("rules", {}).items())),
        fail_level=fail_level or config.get("fail_level", "warning"),
        roles=tuple(os.path.realpath(r) for r in roles) or tuple(config.get("roles", ())),
        input_format=input_format,
    )


class OptionsByFolder:
    """CheckOptions for each posting from the configuration nearest to its folder (flags win)."""

    def __init__(self, root: Config, fixed: bool, **flags: Any) -> None:
        self.root = root
        self.fixed = fixed  # --config FILE: one configuration for every posting
        self.flags = flags
        self.default = check_options(root, **flags)
        self._by_config: dict[Path | None, CheckOptions] = {root.path: self.default}
        self._by_folder: dict[str, CheckOptions] = {}

    def __call__(self, path: str) -> CheckOptions:
        """The options for a posting path ("-" and "<text>" get the working folder's). Raises ConfigError."""
        if self.fixed or path in ("-", "<text>"):
            return self.default
        folder = os.path.dirname(os.path.abspath(_ENTRY_RE.sub("", path)))  # file.json#3: its file
        if folder not in self._by_folder:
            found = find_config(folder)
            if found not in self._by_config:
                self._by_config[found] = check_options(load_config(found) if found else Config(), **self.flags)
            self._by_folder[folder] = self._by_config[found]
        return self._by_folder[folder]


def _check_rules(data: dict[str, Any], where: str) -> None:
    """Rule codes and options must name real rules and options (the registry says which)."""
    try:
        RuleSet(select=data.get("select", ["ALL"]), ignore=data.get("ignore", []),
                severity=data.get("severity", {}), options=data.get("rules", {}))
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _type_name(t: type | tuple[type, ...]) -> str:
    return {list: "a list", str: "a string", int: "an integer", dict: "a table"}.get(t, str(t))  # type: ignore[arg-type]
