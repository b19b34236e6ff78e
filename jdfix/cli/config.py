"""`jdfix config`: the effective settings and where each comes from."""

from __future__ import annotations

import json
import os

import click

from jdfix.cli.common import format_option, load_config


@click.command("config")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Configuration file (default: the nearest jdfix.toml or [tool.jdfix] in pyproject.toml).")
@format_option(("text", "json"))
def config_command(config_path: str | None, fmt: str) -> None:
    """Show the effective settings and where each comes from (file, environment or default).

    --format json prints {"config_file": PATH or null, "settings": {KEY: {"value", "source"}}}.
    """
    from jdfix.io.discovery import DEFAULT_EXCLUDE
    from jdfix.rewriter.llm.settings import DEFAULT_MODEL, default_cache_dir, shown_url

    config = load_config(config_path)
    rows = [
        ("select", config.get("select", ["ALL"]), config.source("select")),
        ("ignore", config.get("ignore", []), config.source("ignore")),
        ("fail_level", config.get("fail_level", "warning"), config.source("fail_level")),
        ("severity", config.get("severity", {}), config.source("severity")),
        ("rules", config.get("rules", {}), config.source("rules")),
        ("roles", config.get("roles", []), config.source("roles")),
        ("jobs", config.get("jobs", "one per 20 postings, up to one per core"), config.source("jobs")),
        ("exclude", config.get("exclude", list(DEFAULT_EXCLUDE)), config.source("exclude")),
        ("extend-exclude", config.get("extend-exclude", []), config.source("extend-exclude")),
    ]
    for key, env, default in (("base_url", "OPENAI_BASE_URL", None), ("model", "JDFIX_MODEL", DEFAULT_MODEL),
                              ("cache_dir", "JDFIX_CACHE_DIR", str(default_cache_dir()))):
        value, source = ((os.environ[env], f"environment {env}") if os.environ.get(env)
                         else (config.get(key, default), config.source(key)))
        if key == "base_url" and isinstance(value, str):
            value = shown_url(value)  # a key in the URL is not shown
        rows.append((key, value, source))
    rows.append(("api_key", "set" if os.environ.get("OPENAI_API_KEY") else "not set", "environment OPENAI_API_KEY"))
    if fmt == "json":
        settings = {key: {"value": value, "source": source} for key, value, source in rows}
        click.echo(json.dumps({"config_file": str(config.path) if config.path else None, "settings": settings},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"configuration file: {config.path or 'none found'}")
    width = max(len(k) for k, _, _ in rows)
    for key, value, source in rows:
        shown = json.dumps(value) if not isinstance(value, str) else value
        click.echo(f"{key:<{width}}  {shown}  ({source})")
