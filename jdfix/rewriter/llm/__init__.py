"""The LLM side: settings, the response cache, the chat client and answer validation.

Nothing here is imported by the rule engine, and the openai SDK is imported only when a request
really has to be sent (a cache hit never imports it).
"""
