"""Where the LLM settings come from: flags, then environment, then config, then defaults."""

from __future__ import annotations

import os

from jdfix.paths import cache_folder, tidy
from jdfix.records import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at run time
if TYPE_CHECKING:
    from collections.abc import Mapping

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_BASE_URL = "https://api.openai.com/v1"
LOCAL_PLACEHOLDER_KEY = "sk-no-key-required"


def default_cache_dir() -> str:
    """Where LLM answers are cached: `<cache dir>/llm`."""
    # A string, as the rule engine's paths are: pathlib (with the urllib.parse and ipaddress it
    # loads) was a third of what a rewrite answered from the cache cost beyond `jdfix check`.
    return tidy(os.path.join(cache_folder(), "llm"))


@dataclass(frozen=True)
class LLMSettings:
    """Everything the LLM side needs. The key is kept out of repr and never written anywhere."""

    base_url: str | None
    model: str
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    deadline: float = 50.0
    max_attempts: int = 5
    temperature: float = 0.0
    seed: int = 7
    max_tokens: int = 1200
    cache_dir: str = field(default_factory=default_cache_dir)
    cache_mode: str = "use"
    enabled: bool = True

    @property
    def effective_base_url(self) -> str:
        """The base URL requests go to (the SDK's default when none is set)."""
        return (self.base_url or OPENAI_BASE_URL).rstrip("/")

    @property
    def shown_base_url(self) -> str:
        """The base URL as messages, logs, reports and the response cache show it: without the
        user name, password or query a URL may carry a key in."""
        return shown_url(self.effective_base_url)

    def client_options(self) -> dict[str, object]:
        """The OpenAI client's key, base URL and query. A query in the base URL (an Azure-style
        `?api-version=...`, a gateway's `?api-key=...`) goes in `default_query`: the SDK appends
        each request's path to the base URL's raw path, query included, so `/v1?k=v` would send
        `/v1` with the query `k=v/chat/completions`."""
        base, question, _query = self.effective_base_url.partition("#")[0].partition("?")
        options: dict[str, object] = {"api_key": self.key_for_request, "base_url": base.rstrip("/")}
        if question:
            options["default_query"] = self._url_query()
        return options

    def _url_query(self) -> dict[str, str]:
        """The base URL's query (before any fragment) as a dict. A key named twice keeps its last
        value (gateways read one api-version, one api-key)."""
        query = self.effective_base_url.partition("#")[0].partition("?")[2]
        if not query:
            return {}
        from urllib.parse import parse_qsl

        return dict(parse_qsl(query, keep_blank_values=True))

    def url_secrets(self) -> tuple[str, ...]:
        """What in the base URL may be a secret: its query's values and its password (at least
        4 characters: shorter ones, an `api-version=1`, would blank out ordinary words)."""
        userinfo = self.effective_base_url.partition("://")[2].partition("/")[0].partition("?")[0].rpartition("@")[0]
        found = [*self._url_query().values(), userinfo.partition(":")[2]]
        return tuple(v for v in found if len(v) >= 4)

    @property
    def key_for_request(self) -> str:
        """The key to send: the user's, or a placeholder for local servers that need none."""
        return self.api_key or LOCAL_PLACEHOLDER_KEY


def shown_url(url: str) -> str:
    """`url` with its user information and query replaced by *** ("https://***@host/v1?***")."""
    url, question, _query = url.partition("?")
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "", url
    host, slash, path = rest.partition("/")
    if "@" in host:
        host = "***@" + host.rpartition("@")[2]
    return f"{scheme}{sep}{host}{slash}{path}" + ("?***" if question else "")


def resolve(flags: Mapping[str, object], config: Mapping[str, object] | None = None,
            env: Mapping[str, str] | None = None) -> LLMSettings:
    """Combine flags (None = not given), environment and config into settings."""
    env = os.environ if env is None else env
    config = config or {}

    def pick(flag: str, env_var: str | None, conf: str) -> object:
        if flags.get(flag) is not None:
            return flags[flag]
        if env_var and env.get(env_var):
            return env[env_var]
        return config.get(conf)

    base_url = pick("base_url", "OPENAI_BASE_URL", "base_url")
    model = pick("model", "JDFIX_MODEL", "model") or DEFAULT_MODEL
    api_key = env.get("OPENAI_API_KEY") or None
    cache_dir = pick("cache_dir", "JDFIX_CACHE_DIR", "cache_dir")
    no_llm = bool(flags.get("no_llm"))
    enabled = not no_llm and bool(base_url or api_key)
    settings = LLMSettings(
        base_url=str(base_url) if base_url else None,
        model=str(model),
        api_key=api_key,
        cache_dir=tidy(os.path.expanduser(str(cache_dir))) if cache_dir else default_cache_dir(),
        cache_mode=str(flags.get("cache") or config.get("cache") or "use"),
        enabled=enabled,
    )
    timeout = flags.get("timeout") or config.get("timeout")
    if timeout is not None:
        t = float(str(timeout))
        # A dead endpoint must end the run within a minute, and a short timeout a short run; but a
        # timeout asked for (a slow local model) is one request's, and the deadline never cuts it.
        deadline = max(t, min(50.0, t * settings.max_attempts))
        settings = LLMSettings(**{**settings.__dict__, "timeout": t, "deadline": deadline})
    return settings
