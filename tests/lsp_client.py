"""A minimal Language Server Protocol client for tests: JSON-RPC over a server's
stdio with `Content-Length` framing.

It speaks just enough LSP to drive an editor's language server the way VS Code
does (initialize, configuration, open documents, completion, hover) and to
collect the diagnostics the server pushes. A reader thread routes each message:
responses to the request waiting for them, `textDocument/publishDiagnostics` to a
per-document queue, and requests from the server (configuration, capability
registration, progress) get a neutral answer so the server never stalls.
"""

from __future__ import annotations

import itertools
import json
import queue
import re
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

TIMEOUT = 20.0  # seconds for any one answer; a server that needs longer is broken here


class LspError(RuntimeError):
    """The server answered with an error, died, or did not answer in time."""


class LspClient:
    def __init__(self, command: Sequence[str | Path], cwd: Path, settings: dict[str, Any]) -> None:
        self.settings = settings  # answered to `workspace/configuration`, keyed by section
        self._process = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._ids = itertools.count(1)
        self._pending: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._diagnostics: dict[str, queue.Queue[list[dict[str, Any]]]] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.stderr: list[str] = []
        self._threads = [
            threading.Thread(target=self._read_loop, daemon=True),
            threading.Thread(target=self._drain_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    # -- lifecycle ---------------------------------------------------------------

    def initialize(self, root: Path) -> dict[str, Any]:
        capabilities = {
            "textDocument": {
                "synchronization": {"dynamicRegistration": False, "didSave": True},
                "publishDiagnostics": {"relatedInformation": True},
                "completion": {
                    "completionItem": {
                        "snippetSupport": True,
                        "documentationFormat": ["markdown", "plaintext"],
                        "insertReplaceSupport": False,
                    }
                },
                "hover": {"contentFormat": ["markdown", "plaintext"]},
            },
            "workspace": {"configuration": True, "workspaceFolders": True, "didChangeConfiguration": {}},
        }
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": capabilities,
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return result  # type: ignore[no-any-return]

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self._process.wait(timeout=5)
        except (LspError, OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        for thread in self._threads:  # they end at the closed pipes' end
            thread.join(timeout=5)
        for stream in (self._process.stdin, self._process.stdout, self._process.stderr):
            if stream is not None:
                stream.close()

    # -- documents -----------------------------------------------------------------

    def open(self, path: Path, text: str) -> str:
        """Opens `text` as the document at `path` (the file need not exist: an editor
        buffer). Returns its URI; its diagnostics queue starts empty."""
        uri = path.as_uri()
        with self._lock:
            self._diagnostics[uri] = queue.Queue()
        self.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
        )
        return uri

    def diagnostics(self, uri: str, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """The next diagnostics the server publishes for `uri` (once per opened
        document, after it has read the document's schema)."""
        try:
            return self._diagnostics[uri].get(timeout=timeout)
        except queue.Empty:
            raise LspError(f"no diagnostics for {uri} within {timeout} s; server said: {self.stderr[-5:]}") from None

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if result is None:
            return []
        return result["items"] if isinstance(result, dict) else result  # type: ignore[no-any-return]

    def hover(self, uri: str, line: int, character: int) -> str:
        """The hover text at a position, as the Markdown the editor would show ('' if none)."""
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        if isinstance(contents, dict):
            return str(contents.get("value", ""))
        if isinstance(contents, list):
            return "\n".join(part if isinstance(part, str) else part.get("value", "") for part in contents)
        return str(contents)

    # -- JSON-RPC ------------------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        request_id = next(self._ids)
        answer: queue.Queue[dict[str, Any]] = queue.Queue()
        with self._lock:
            self._pending[request_id] = answer
        self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        try:
            message = answer.get(timeout=timeout)
        except queue.Empty:
            raise LspError(f"no answer to {method} within {timeout} s; server said: {self.stderr[-5:]}") from None
        finally:
            with self._lock:
                self._pending.pop(request_id, None)
        if "error" in message:
            raise LspError(f"{method}: {message['error']}")
        return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        with self._write_lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _read_loop(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        while (message := _read_message(stdout)) is not None:
            if "method" in message and "id" in message:
                self._answer_server_request(message)
            elif "method" in message:
                if message["method"] == "textDocument/publishDiagnostics":
                    params = message["params"]
                    with self._lock:
                        target = self._diagnostics.setdefault(params["uri"], queue.Queue())
                    target.put(params["diagnostics"])
            else:
                with self._lock:
                    waiting = self._pending.get(message.get("id"))  # type: ignore[arg-type]
                if waiting is not None:
                    waiting.put(message)

    def _answer_server_request(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [self.settings.get(item.get("section", "")) for item in message["params"]["items"]]
        self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def _drain_stderr(self) -> None:
        stderr = self._process.stderr
        assert stderr is not None
        for line in stderr:
            self.stderr.append(line.decode("utf-8", "replace").rstrip())


def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """One framed message, or None at the end of the stream."""
    length = None
    while True:
        header = stream.readline()
        if not header:
            return None
        header = header.strip()
        if not header:
            break
        name, _, value = header.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    if length is None:
        return None
    body = stream.read(length)
    return json.loads(body.decode("utf-8"))  # type: ignore[no-any-return]


_TABSTOP = re.compile(r"\$(\d+)|\$\{(\d+)(?::((?:[^}\\]|\\.)*)|\|([^|]*)\|)?\}")


def apply_completion(text: str, item: dict[str, Any]) -> tuple[str, int]:
    """`text` after accepting a completion item as VS Code does: the item's text edit
    (its newText over its range) replaces the range, a snippet is expanded with
    each placeholder's default (the first of a choice, nothing for a bare tab stop),
    and every inserted line after the first gets the indentation of the line it is
    inserted into. Returns the new text and the cursor offset: the first tab stop, or
    the end of the insertion when there is none."""
    edit = item["textEdit"]
    new_text = edit["newText"]
    start, end = (_offset(text, edit["range"][side]) for side in ("start", "end"))
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start][: len(text[line_start:start]) - len(text[line_start:start].lstrip())]
    new_text = new_text.replace("\n", "\n" + indent)
    cursor: int | None = None
    if item.get("insertTextFormat") == 2:  # a snippet
        expanded, pieces = "", 0
        for match in _TABSTOP.finditer(new_text):
            expanded += _unescape(new_text[pieces : match.start()])
            number = match.group(1) or match.group(2)
            if cursor is None and number != "0":
                cursor = len(expanded)
            default = match.group(3) if match.group(3) is not None else (match.group(4) or "").split(",")[0]
            expanded += _unescape(default)
            pieces = match.end()
        new_text = expanded + _unescape(new_text[pieces:])
    result = text[:start] + new_text + text[end:]
    return result, start + (cursor if cursor is not None else len(new_text))


def _unescape(snippet_text: str) -> str:
    return re.sub(r"\\([$}\\])", r"\1", snippet_text)


def _offset(text: str, position: dict[str, int]) -> int:
    """Offset of an LSP position (line, UTF-16 character; the texts here are in the BMP)."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: position["line"]]) + position["character"]
