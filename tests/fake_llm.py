"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat completions API, with scripted faults.

Tests push what the next requests get (status, headers, content, finish_reason, delay); with
nothing scripted it answers with a valid rewrite. Every request is recorded (headers and body).
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_ANSWER = {
    "title": "Product Manager",
    "duties": [
        "Set pricing and packaging for the subscription tiers",
        "Own the go-to-market plan for each release",
        "Define the product vision and the yearly product strategy",
    ],
    "rationale": "The duties are product-management work, so the title becomes Product Manager.",
}


@dataclass
class Scripted:
    status: int = 200
    content: str | None = None
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    body: Any = None  # a whole response body, replacing the generated one
    raw: bytes | None = None  # bytes sent as is
    reset: bool = False  # close the connection without an answer
    refusal: str | None = None  # message.refusal, as OpenAI sends for refused requests
    # Hold the answer until this many chat requests are in flight at once (or `gate_timeout`
    # passes): concurrency seen from the server's side, with no clock in the test.
    gate: int = 0


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


class FakeLLM:
    """Start with `with FakeLLM() as llm:`; `llm.url` is the base URL (ending in /v1)."""

    def __init__(self, reject_json_schema: bool = False, answer: dict[str, Any] | None = None) -> None:
        self.script: deque[Scripted] = deque()
        self.requests: list[Recorded] = []
        self.reject_json_schema = reject_json_schema
        self.answer = answer or DEFAULT_ANSWER
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.batch_inputs: list[str] = []  # the custom_ids of uploaded batch files
        self.in_flight = 0  # chat requests received and not yet answered
        self.max_in_flight = 0  # the most seen at once
        self.gate_timeout = 30.0
        self.delay = 0.0  # how long an unscripted answer takes (benchmarks: a fixed-latency server)
        self._changed = threading.Condition(self._lock)

    def push(self, **kwargs: Any) -> FakeLLM:
        self.script.append(Scripted(**kwargs))
        return self

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def __enter__(self) -> FakeLLM:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _batch_output(self) -> bytes:
                lines = []
                for key in fake.batch_inputs:
                    body = {"id": "chatcmpl-b", "object": "chat.completion", "model": "batch",
                            "choices": [{"index": 0, "finish_reason": "stop",
                                         "message": {"role": "assistant", "content": json.dumps(fake.answer)}}],
                            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}
                    lines.append(json.dumps({"id": "r", "custom_id": key, "error": None,
                                             "response": {"status_code": 200, "request_id": "q", "body": body}}))
                return ("\n".join(reversed(lines)) + "\n").encode()  # any order: matched by custom_id

            def do_GET(self) -> None:  # noqa: N802
                if self.path.startswith("/v1/batches/"):
                    self._send(200, json.dumps({"id": "batch_1", "object": "batch", "endpoint": "/v1/chat/completions",
                                                "input_file_id": "file-in", "completion_window": "24h",
                                                "status": "completed", "output_file_id": "file-out",
                                                "error_file_id": None, "created_at": 1}).encode())
                    return
                if self.path.startswith("/v1/files/file-out/content"):
                    data = self._batch_output()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}).encode())
                else:
                    self._send(404, b'{"error": {"message": "not found"}}')

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                with fake._lock:
                    fake.requests.append(Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()))
                if self.path.startswith("/v1/files"):
                    for line in raw.decode("utf-8", "replace").splitlines():
                        if line.startswith("{") and '"custom_id"' in line:
                            fake.batch_inputs.append(json.loads(line)["custom_id"])
                    self._send(200, json.dumps({"id": "file-in", "object": "file", "bytes": len(raw), "created_at": 1,
                                                "filename": "requests.jsonl", "purpose": "batch",
                                                "status": "processed"}).encode())
                    return
                if self.path.startswith("/v1/batches"):
                    self._send(200, json.dumps({"id": "batch_1", "object": "batch", "endpoint": "/v1/chat/completions",
                                                "input_file_id": "file-in", "completion_window": "24h",
                                                "status": "validating", "created_at": 1}).encode())
                    return
                with fake._lock:
                    step = fake.script.popleft() if fake.script else Scripted(delay=fake.delay)
                fmt = (body.get("response_format") or {}).get("type")
                if fake.reject_json_schema and fmt == "json_schema":
                    self._send(500, b'{"error": {"message": "Unsupported response_format json_schema"}}')
                    return
                with fake._lock:
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                    fake._changed.notify_all()
                try:
                    self._answer(step, body)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1

            def _answer(self, step: Scripted, body: dict[str, Any]) -> None:
                if step.gate:
                    with fake._lock:
                        fake._changed.wait_for(lambda: fake.max_in_flight >= step.gate, fake.gate_timeout)
                if step.delay:
                    time.sleep(step.delay)
                if step.reset:
                    self.close_connection = True
                    try:
                        import socket

                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    return
                if step.raw is not None:
                    self._send(step.status, step.raw, step.headers)
                    return
                if step.body is not None:
                    self._send(step.status, json.dumps(step.body).encode(), step.headers)
                    return
                if step.status != 200:
                    error = {"error": {"message": f"scripted HTTP {step.status}", "type": "scripted"}}
                    self._send(step.status, json.dumps(error).encode(), step.headers)
                    return
                content = step.content if step.content is not None else json.dumps(fake.answer)
                payload: dict[str, object] = {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model", "fake"),
                    "choices": [{"index": 0, "message": {"role": "assistant",
                                                         "content": None if step.refusal else content,
                                                         "refusal": step.refusal},
                                 "finish_reason": step.finish_reason}],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
                }
                self._send(200, json.dumps(payload).encode(), step.headers)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()
