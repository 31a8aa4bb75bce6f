"""The exported schemas in a real editor's language server, outside this repository.

Drives ``yaml-language-server`` (the server behind VS Code's YAML extension)
over stdio with LSP JSON-RPC: initialize, open a spec that has an unknown
field and a wrong enum value and whose ``# yaml-language-server: $schema=``
comment points at ``interop schema --dir`` output, and read the diagnostics
it publishes. The server is looked for in ``INTEROP_YAML_LS_DIR`` (where
.ci/run installs it) or installed with npm into a cache folder; without node
or npm the test is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERSION = "1.19.2"  # keep in step with .ci/run

pytestmark = pytest.mark.slow


def server_script() -> Path:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    folder = Path(
        os.environ.get("INTEROP_YAML_LS_DIR") or Path.home() / ".cache" / "interop-test" / f"yaml-ls-{VERSION}"
    )
    script = folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if not script.is_file():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed to fetch yaml-language-server")
        fetched = subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(folder),
                f"yaml-language-server@{VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if fetched.returncode != 0 or not script.is_file():
            pytest.skip(f"yaml-language-server could not be installed: {fetched.stderr.strip()[-200:]}")
    return script


class Client:
    def __init__(self, script: Path, cwd: Path):
        self.process = subprocess.Popen(
            ["node", str(script), "--stdio"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0

    def send(self, method: str, params: dict, request: bool = False) -> int | None:
        message: dict = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def receive(self) -> dict:
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("the language server stopped")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def answer_requests(self, message: dict) -> None:
        """Configuration and other server-to-client requests get empty answers."""
        if "id" in message and "method" in message:
            result = (
                [{}] * len(message["params"].get("items", []))
                if message["method"] == "workspace/configuration"
                else None
            )
            body = json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}).encode()
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def wait_for(self, wanted, deadline_seconds: float = 60):
        # A bound so a broken server fails the test instead of hanging it; not a timing assertion.
        deadline = time.monotonic() + deadline_seconds
        while time.monotonic() < deadline:
            message = self.receive()
            self.answer_requests(message)
            if wanted(message):
                return message
        raise AssertionError("no answer from the language server")

    def close(self):
        self.process.kill()
        self.process.wait()


def test_language_server_reports_unknown_field_and_wrong_enum(tmp_path):
    script = server_script()
    project = tmp_path / "my-project"
    schemas = project / "schemas"
    written = subprocess.run(
        [sys.executable, "-m", "interop", "schema", "--dir", str(schemas)], capture_output=True, text=True, cwd=tmp_path
    )
    assert written.returncode == 0, written.stderr
    spec = project / "specs" / "interfaces" / "probe.yaml"
    spec.parent.mkdir(parents=True)
    text = (
        "# yaml-language-server: $schema=../../schemas/docking-interface.schema.json\n"
        "kind: DockingInterface\nschema_version: 1\nid: probe\nname: Probe\n"
        "style: sideways\n"
        "colour: red\n"
        "sources: [{title: t}]\n"
    )
    spec.write_text(text)
    client = Client(script, project)
    try:
        initialize = client.send(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": project.as_uri(),
                "capabilities": {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}},
            },
            request=True,
        )
        client.wait_for(lambda m: m.get("id") == initialize)
        client.send("initialized", {})
        client.send(
            "workspace/didChangeConfiguration",
            {"settings": {"yaml": {"validate": True, "schemaStore": {"enable": False}}}},
        )
        client.send(
            "textDocument/didOpen",
            {"textDocument": {"uri": spec.as_uri(), "languageId": "yaml", "version": 1, "text": text}},
        )
        published = client.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == spec.as_uri()
                and m["params"]["diagnostics"]
            )
        )
    finally:
        client.close()
    by_line = {d["range"]["start"]["line"]: d["message"] for d in published["params"]["diagnostics"]}
    assert "Value is not accepted" in by_line.get(5, ""), by_line  # style: sideways is no mating style
    assert "Property colour is not allowed" in by_line.get(6, ""), by_line  # no such field
