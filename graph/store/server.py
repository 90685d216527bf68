"""Start, stop and inspect the project's local Neo4j (the Java launcher in neo4j-server/).

The server runs detached from the command that started it; its pid, log, data and generated
password live in the state folder (var/neo4j by default, see graph.config).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from graph.config import REPO_ROOT, Settings
from graph.errors import Neo4jUnavailable, ServerError
from graph.store import queries
from graph.store.client import Neo4jClient, unreachable_message

JAR = REPO_ROOT / "neo4j-server" / "target" / "neo4j-server.jar"


def running_pid(settings: Settings) -> int | None:
    """The pid of the server for this state folder, if it is alive (a stale pid file gives None)."""
    try:
        pid = int(settings.pid_file.read_text())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (FileNotFoundError, ValueError):
        return None
    # The pid may have been reused by another program; a zombie has an empty command line.
    return pid if str(JAR).encode() in cmdline and str(settings.neo4j_home).encode() in cmdline else None


def start(settings: Settings, timeout_s: float = 120.0) -> str:
    if not settings.is_local:
        return f"NEO4J_URI is set ({settings.neo4j.uri}): using that Neo4j, there is no local server to start"
    pid = running_pid(settings)
    if pid:
        return f"Neo4j is already running at {settings.bolt_uri()} (pid {pid})"
    if not JAR.exists():
        raise ServerError(f"the Neo4j launcher is not built ({JAR}): run `make install`")
    java = shutil.which("java")
    if not java:
        raise ServerError("`java` is not on PATH: install a Java 17 runtime")
    if _port_in_use(settings.server.port):
        raise ServerError(
            f"port {settings.server.port} on 127.0.0.1 is taken by another program: set CLIMATE_KG_NEO4J_PORT"
        )

    settings.server_log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        java,
        "-Xms64m",  # the JVM's default start heap is 1/64 of the RAM; idle Neo4j needs far less
        f"-Xmx{settings.server.heap}",
        "-XX:+UseSerialGC",  # the smallest footprint for a one-user local server
        "-jar", str(JAR),
        str(settings.neo4j_home), str(settings.server.port), settings.server.pagecache,
    ]  # fmt: skip
    started = time.monotonic()
    with open(settings.server_log, "ab") as log:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    settings.pid_file.write_text(f"{process.pid}\n")

    while True:
        if process.poll() is not None:
            settings.pid_file.unlink(missing_ok=True)
            raise ServerError(f"Neo4j exited with code {process.returncode} while starting:\n{_log_tail(settings)}")
        try:
            Neo4jClient(settings).close()
            break
        except Neo4jUnavailable as e:
            if time.monotonic() - started > timeout_s:
                stop(settings)
                raise ServerError(
                    f"Neo4j did not answer on {settings.bolt_uri()} within {timeout_s:g} s:\n{_log_tail(settings)}"
                ) from e
            time.sleep(0.5)
    return f"Neo4j started at {settings.bolt_uri()} (pid {process.pid}) in {time.monotonic() - started:.1f} s"


def stop(settings: Settings, timeout_s: float = 60.0) -> str:
    if not settings.is_local:
        return f"NEO4J_URI is set ({settings.neo4j.uri}): there is no local server to stop"
    pid = running_pid(settings)
    if not pid:
        settings.pid_file.unlink(missing_ok=True)
        return "Neo4j is not running"
    os.kill(pid, signal.SIGTERM)  # the launcher's shutdown hook checkpoints and closes the databases
    deadline = time.monotonic() + timeout_s
    while running_pid(settings) and time.monotonic() < deadline:
        time.sleep(0.2)
    if running_pid(settings):
        os.kill(pid, signal.SIGKILL)
        settings.pid_file.unlink(missing_ok=True)
        raise ServerError(
            f"Neo4j (pid {pid}) did not stop within {timeout_s:g} s and was killed; see {settings.server_log}"
        )
    settings.pid_file.unlink(missing_ok=True)
    return f"Neo4j stopped (pid {pid})"


def status(settings: Settings) -> dict[str, str]:
    """Bolt URI, version and edition of the Neo4j in use; Neo4jUnavailable when it does not answer."""
    if settings.is_local and not running_pid(settings):
        raise Neo4jUnavailable(unreachable_message(settings))
    with Neo4jClient(settings) as client:
        [record] = client.read(queries.SERVER_VERSION)
    return {"uri": client.uri, "version": record["version"], "edition": record["edition"]}


def _port_in_use(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _log_tail(settings: Settings, lines: int = 20) -> str:
    try:
        text = settings.server_log.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return f"(no log at {settings.server_log})"
    return "\n".join(text.splitlines()[-lines:])
