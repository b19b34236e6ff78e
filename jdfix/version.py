"""The version of jdfix (a base module: the compiled role-book cache keys on it)."""

__version__ = "0.1.0"
