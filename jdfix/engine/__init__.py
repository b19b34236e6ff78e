"""The rule engine: parse a posting, analyse its duties against the role book, run the rules.

Imports nothing of jdfix but its base modules (`jdfix.errors`, `jdfix.paths`, `jdfix.records`,
`jdfix.memo`): no CLI, no LLM SDK, no templates.
"""
