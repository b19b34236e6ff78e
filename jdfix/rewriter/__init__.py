"""The rewrite: a corrected title and duty list, from the rule engine or from an LLM (prompt,
client, cache, batch), each suggestion checked before it is shown.

Named `rewriter`, not `rewrite`: `jdfix.rewrite` is the public function, and a subpackage of that
name would replace it as an attribute of `jdfix` once imported."""
