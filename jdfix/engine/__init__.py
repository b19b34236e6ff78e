"""The rule engine: parse a posting, analyse its duties against the role book, run the rules.

Imports nothing of jdfix but `jdfix.errors` and `jdfix.paths`: no CLI, no LLM SDK, no templates.
"""
