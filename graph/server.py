"""Start, stop and inspect the project's local Neo4j (the Java launcher in neo4j-server/).

The server runs detached from the command that started it; its pid, log, data and generated
password live in the state folder (var/neo4j by default, see graph.settings).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from graph.db import Graph, Neo4jUnavailable, unreachable_message
from graph.settings import REPO_ROOT, LocalServerSettings, Neo4jSettings

JAR = REPO_ROOT / "neo4j-server" / "target" / "neo4j-server.jar"


class ServerError(RuntimeError):
    """The local Neo4j could not be started or stopped."""


def running_pid(local: LocalServerSettings) -> int | None:
    """The pid of the server for this state folder, if it is alive (a stale pid file gives None)."""
    try:
        pid = int(local.pid_file.read_text())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (FileNotFoundError, ValueError):
        return None
    # The pid may have been reused by another program; a zombie has an empty command line.
    return pid if str(JAR).encode() in cmdline and str(local.neo4j_home).encode() in cmdline else None


def start(settings: Neo4jSettings | None = None, timeout_s: float = 120.0) -> str:
    settings = settings or Neo4jSettings()
    if not settings.is_local:
        return f"NEO4J_URI is set ({settings.uri}): using that Neo4j, there is no local server to start"
    local = settings.local
    pid = running_pid(local)
    if pid:
        return f"Neo4j is already running at {local.uri} (pid {pid})"
    if not JAR.exists():
        raise ServerError(f"the Neo4j launcher is not built ({JAR}): run `make install`")
    java = shutil.which("java")
    if not java:
        raise ServerError("`java` is not on PATH: install a Java 17 runtime")
    if _port_in_use(local.neo4j_port):
        raise ServerError(f"port {local.neo4j_port} on 127.0.0.1 is taken by another program: set CLIMATE_KG_NEO4J_PORT")

    local.log_file.parent.mkdir(parents=True, exist_ok=True)
    command = [
        java,
        "-Xms64m",  # the JVM's default start heap is 1/64 of the RAM; idle Neo4j needs far less
        f"-Xmx{local.neo4j_heap}",
        "-XX:+UseSerialGC",  # the smallest footprint for a one-user local server
        "-jar", str(JAR),
        str(local.neo4j_home), str(local.neo4j_port), local.neo4j_pagecache,
    ]  # fmt: skip
    started = time.monotonic()
    with open(local.log_file, "ab") as log:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    local.pid_file.write_text(f"{process.pid}\n")

    while True:
        if process.poll() is not None:
            local.pid_file.unlink(missing_ok=True)
            raise ServerError(f"Neo4j exited with code {process.returncode} while starting:\n{_log_tail(local)}")
        try:
            Graph(settings).close()
            break
        except Neo4jUnavailable:
            if time.monotonic() - started > timeout_s:
                stop(settings)
                raise ServerError(f"Neo4j did not answer on {local.uri} within {timeout_s:g} s:\n{_log_tail(local)}")
            time.sleep(0.5)
    return f"Neo4j started at {local.uri} (pid {process.pid}) in {time.monotonic() - started:.1f} s"


def stop(settings: Neo4jSettings | None = None, timeout_s: float = 60.0) -> str:
    settings = settings or Neo4jSettings()
    if not settings.is_local:
        return f"NEO4J_URI is set ({settings.uri}): there is no local server to stop"
    local = settings.local
    pid = running_pid(local)
    if not pid:
        local.pid_file.unlink(missing_ok=True)
        return "Neo4j is not running"
    os.kill(pid, signal.SIGTERM)  # the launcher's shutdown hook checkpoints and closes the databases
    deadline = time.monotonic() + timeout_s
    while running_pid(local) and time.monotonic() < deadline:
        time.sleep(0.2)
    if running_pid(local):
        os.kill(pid, signal.SIGKILL)
        local.pid_file.unlink(missing_ok=True)
        raise ServerError(f"Neo4j (pid {pid}) did not stop within {timeout_s:g} s and was killed; see {local.log_file}")
    local.pid_file.unlink(missing_ok=True)
    return f"Neo4j stopped (pid {pid})"


def status(settings: Neo4jSettings | None = None) -> dict[str, str]:
    """Bolt URI, version and edition of the Neo4j in use; Neo4jUnavailable when it does not answer."""
    settings = settings or Neo4jSettings()
    if settings.is_local and not running_pid(settings.local):
        raise Neo4jUnavailable(unreachable_message(settings))
    with Graph(settings) as graph:
        records = graph.read("CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition")
    return {"uri": graph.uri, "version": records[0]["version"], "edition": records[0]["edition"]}


def _port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _log_tail(local: LocalServerSettings, lines: int = 20) -> str:
    try:
        text = local.log_file.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return f"(no log at {local.log_file})"
    return "\n".join(text.splitlines()[-lines:])
