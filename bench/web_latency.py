"""Web latency: p50/p95 of every page and API route, with concurrent clients on loopback.

Starts `onrecord serve` on the database (a real server process, on 127.0.0.1), picks the
addresses a reader would open (a search for a common word, the most quoted speaker, an
event several outlets report, an article with statements, the API's listings), then runs
`--clients` threads that each keep one connection open and ask for every address in turn,
`--rounds` times, and prints p50 and p95 per route (and the requests per second overall).
`--clients 1,2,4` runs once per number of clients (the server started afresh each time).
The target (issue 16): p95 under 100 ms for the search, speaker, event and article pages
on a database of 100k statements.

The server's page cache (the `page_cache` setting) is off unless `--cache`: every figure
is the cost of reading and drawing the page, not of finding it kept. The `cpu ms` column
is the server's CPU time per request of each route (one client, ten requests, read from
/proc after the timed run): on a machine other work keeps busy it stretches much less than
wall time, so it says what a page costs when the timings cannot.

    python bench/make_corpus.py 33334 --seed 1 --db big.db          # 100,002 statements
    python bench/web_latency.py big.db [--clients 1,2,4] [--rounds 20] [--workers 2]
    python bench/web_latency.py big.db --only '^page (search|speaker|event|article)$'
    python bench/web_latency.py examples.db                          # after `make demo`
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

ONRECORD = str(Path(sys.executable).with_name("onrecord"))
TARGET_MS = 100.0
TARGETED = ("page search", "page speaker", "page event", "page article")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get_json(port: int, path: str) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status} {body[:200]!r}")
    return json.loads(body)


def start(db: Path, port: int, workers: int = 1, cache: bool = False) -> subprocess.Popen[bytes]:
    """Start `onrecord serve` (its page cache off unless `cache`) and wait until it answers."""
    environment = {
        **os.environ,
        "ONRECORD_PAGE_CACHE": os.environ.get("ONRECORD_PAGE_CACHE", "60") if cache else "0",
    }
    server = subprocess.Popen(
        [ONRECORD, "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
        stderr=subprocess.DEVNULL,
        env=environment,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get_json(port, "/api/v1/about")
            return server
        except (OSError, SystemExit):
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def routes(port: int) -> dict[str, str]:
    """Pick the addresses to time from what the database holds."""
    speaker = get_json(port, "/api/v1/speakers?limit=1")["items"][0]
    speakers = get_json(port, "/api/v1/speakers?limit=200")["items"]
    middle = speakers[len(speakers) // 2]  # the whole timeline of the top one takes seconds
    events = get_json(port, "/api/v1/events?limit=20")["items"]
    event = max(events, key=lambda e: len(e["outlets"])) if events else None
    statements = get_json(port, f"/api/v1/statements?speaker={speaker['id']}&limit=1")["items"]
    article = statements[0]["article"]
    phrase = " ".join(w.strip(".,;:\"'“”") for w in statements[0]["content"].split()[:3])
    word, rare = _words(get_json(port, "/api/v1/statements?limit=50")["items"])
    found = {
        "page search": f"/search?q={quote(word)}",
        "page search rare word": f"/search?q={quote(rare)}",
        "page search phrase": f"/search?q={quote(chr(34) + phrase + chr(34))}",
        "page search filtered": f"/search?q={quote(word)}&since=2025-01-01&kind=direct",
        "page speaker": f"/speakers/{speaker['id']}",
        "page article": f"/articles/{article}",
        "page speakers": "/speakers",
        "page outlets": "/outlets",
        "page about": "/about",
        "api statements": "/api/v1/statements",
        "api search": f"/api/v1/search?q={quote(word)}",
        "api speaker statements": f"/api/v1/statements?speaker={speaker['id']}",
        "api speakers": "/api/v1/speakers",
        "api articles": "/api/v1/articles",
        "api article": f"/api/v1/articles/{article}",
        "api events": "/api/v1/events",
        "page speaker (middle)": f"/speakers/{middle['id']}",
        "api timeline (middle)": f"/api/v1/timeline?speaker={middle['id']}&limit=50",
        "api topics": "/api/v1/topics",
    }
    if event is not None:
        found["page event"] = f"/events/{event['event_id']}"
        found["api event"] = f"/api/v1/events/{event['event_id']}"
    return found


def _words(items: list[dict[str, Any]]) -> tuple[str, str]:
    """Return the most and the least common long word of some statements' content."""
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        for word in item["content"].split():
            word = word.strip(".,;:\"'“”").lower()
            if len(word) > 4 and word.isalpha():
                counts[word] += 1
    if not counts:
        return "said", "said"
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return ranked[0], ranked[-1]


def client(port: int, paths: dict[str, str], rounds: int, times: dict[str, list[float]]) -> None:
    """Ask for every address `rounds` times on one kept-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for _ in range(rounds):
        for name, path in paths.items():
            began = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            took = (time.perf_counter() - began) * 1000
            if response.status != 200:
                raise SystemExit(f"GET {path}: {response.status}")
            times[name].append(took)
    connection.close()


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user and system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(pid: int, port: int, paths: dict[str, str], times: int) -> dict[str, float]:
    """Return the server's CPU milliseconds per request of each route, asked `times` times
    by one client (the machine's other load stretches wall time, much less CPU time)."""
    spent = {}
    for name, path in paths.items():
        before = cpu_seconds(pid)
        client(port, {name: path}, times, defaultdict(list))
        spent[name] = (cpu_seconds(pid) - before) * 1000 / times
    return spent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(args: argparse.Namespace, clients: int) -> None:
    """Start a server, time every route with `clients` clients, print the table."""
    port = free_port()
    server = start(args.db, port, args.workers, args.cache)
    try:
        counts = get_json(port, "/api/v1/about")["counts"]
        paths = {n: p for n, p in routes(port).items() if re.search(args.only, n)}
        warm: dict[str, list[float]] = defaultdict(list)
        client(port, paths, 1, warm)  # warm the server's connections (and cache, if on)
        times: dict[str, list[float]] = defaultdict(list)
        threads = [
            threading.Thread(target=client, args=(port, paths, args.rounds, times))
            for _ in range(clients)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        cpu = cpu_per_request(server.pid, port, paths, 10) if args.workers == 1 else {}
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in times.values())
    load = os.getloadavg()[0]
    print(
        f"{args.db}: {counts['statements']:,} statements, {counts['articles']:,} articles; "
        f"{clients} client(s) x {args.rounds} rounds, {args.workers} server process(es), "
        f"page cache {'on' if args.cache else 'off'}; {total} requests in {elapsed:.1f} s "
        f"({total / elapsed:.0f}/s); load average {load:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'route':<26}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cpu ms':>9}  address")
    for name, path in paths.items():
        values = times[name]
        p95 = percentile(values, 0.95)
        flag = "  > target" if name in TARGETED and p95 > TARGET_MS else ""
        used = f"{cpu[name]:>9.1f}" if name in cpu else f"{'-':>9}"
        print(
            f"{name:<26}{statistics.median(values):>9.1f}{p95:>9.1f}{max(values):>9.1f}"
            f"{used}  {path}{flag}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--clients", default="4", help="concurrent clients, or several runs: 1,2,4")
    parser.add_argument("--rounds", type=int, default=20, help="times each client asks each")
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    parser.add_argument("--cache", action="store_true", help="leave the server's page cache on")
    parser.add_argument(
        "--only", default="", help="time only the routes whose name matches this regex"
    )
    args = parser.parse_args()
    for clients in (int(n) for n in args.clients.split(",")):
        run(args, clients)
        print()


if __name__ == "__main__":
    main()
