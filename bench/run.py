"""The benchmark: `make bench` runs this file. It prints figures; CI never runs it.

For sites of 1,000, 10,000 and 100,000 news pages (PostgreSQL databases built once
by `manage.py generate_bench_site --bulk` and kept), the site is served with the
production settings by gunicorn on loopback, uncached, with its fragments cached and
with whole pages cached in Redis, and loaded with wrk. In the same run, two
baselines: a static file (whitenoise) on the same server and the home page of a
plain `wagtail start` site. For every URL: throughput and latency under load and
alone (one connection), queries per request, the workers' CPU time per request; per
server the workers' peak memory; then a soak, the home page's weight and
Lighthouse's four scores. It ends with one markdown table of every size, with the
ratios and the issue's targets. See bench/README.md.
"""

import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# The sites' databases are <prefix><size>: another prefix measures copies of them
# (CREATE DATABASE ... TEMPLATE lfnkr_bench_<size>) without touching the shared ones.
DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "lfnkr_bench_")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
# Seconds of load per URL, and of one visitor at a time (latency without queueing).
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ALONE_SECONDS = int(os.environ.get("BENCH_ALONE_SECONDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "10"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
# A fixed port, written into the Wagtail Site: canonical links then point at the
# server Lighthouse visits, as they would in production.
SITE_PORT = int(os.environ.get("BENCH_PORT", "8301"))
# 0 skips the soak (50 visitors cycling through all the URLs of the cached site).
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "30"))
LIGHTHOUSE = os.environ.get("BENCH_LIGHTHOUSE", "1") == "1"
# 0 builds missing sites with Wagtail's add_child, a page at a time (hours for 100,000).
BULK = os.environ.get("BENCH_BULK", "1") == "1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# gunicorn kills a worker silent for this long (its default is 30 s): longer here, so a
# slow page is measured as slow and the workers' memory and CPU counters survive.
WORKER_TIMEOUT = int(os.environ.get("BENCH_WORKER_TIMEOUT", "120"))
YEARS = 20
LAST_YEAR = 2026
PER_PAGE = 20  # news.models.NEWS_PER_PAGE

SITE_ENV = {
    "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.production",
    "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 30,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
    # The admin's passkeys insist on an https origin (a system check); never used here.
    "WEBAUTHN_ORIGINS": "https://127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "DB_CONN_MAX_AGE": "60",
    "STATIC_ROOT": str(DATA / "static"),
    "MEDIA_ROOT": str(DATA / "media"),
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def database_name(size):
    return f"{DATABASE_PREFIX}{size}"


def database_url(size):
    return f"{POSTGRES}/{database_name(size)}"


# uncached: every page rendered whole, no cache at all; fragments: rendered for
# every request, with the header, sidebar and footer from Redis (what a signed-in
# editor gets); cached: as deployed, whole anonymous pages from Redis too.
MODES = ["uncached", "fragments", "cached"]


def site_env(size, mode):
    environment = {**os.environ, **SITE_ENV, "DATABASE_URL": database_url(size)}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if mode == "uncached":
        environment.update(PAGE_CACHE_SECONDS="0", FRAGMENT_CACHE_SECONDS="0")
    else:
        environment.update(REDIS_URL=REDIS)
    if mode == "fragments":
        environment.update(PAGE_CACHE_SECONDS="0")
    return environment


def manage(environment, *arguments):
    # Its progress goes with ours to stderr: stdout is the report.
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=True, stdout=sys.stderr
    )


def stories_in_database(size):
    """The English stories of the benchmark's years in its database, or None
    when the database or its tables are missing (a build never finished)."""
    count = subprocess.run(
        [
            "psql",
            database_url(size),
            "-tAc",
            "SELECT count(*) FROM news_newspage n JOIN wagtailcore_page p ON p.id = n.page_ptr_id"  # noqa: S608, E501 (the years are constants)
            " JOIN wagtailcore_locale l ON l.id = p.locale_id WHERE l.language_code = 'en'"
            f" AND n.filed_year BETWEEN {LAST_YEAR - YEARS + 1} AND {LAST_YEAR}",
        ],
        capture_output=True,
        text=True,
    )
    return int(count.stdout) if count.returncode == 0 else None


def ensure_site(size):
    """Build the benchmark database once; later runs (from any checkout) reuse it.

    Built means the database holds the site's stories: a build cut short is redone.
    """
    if stories_in_database(size) == size:
        # A site built by an older checkout gets this one's migrations, and its search
        # index when it has none yet (a new search table starts empty).
        environment = site_env(size, "uncached")
        manage(environment, "migrate", "--noinput", "--verbosity", "0")
        manage(environment, "update_search_entries", "--if-empty")
        analyse(size)
        point_site_at_bench_server(size)
        return
    # The database measured is the one rebuilt: its name from database_url, never
    # the shared benchmark's when another prefix is asked for.
    name = database_name(size)
    psql = ["psql", POSTGRES + "/postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True)
    # A UTF-8 locale: PostgreSQL's trigram and text search handle Japanese then.
    subprocess.run(
        [
            *psql,
            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'",
        ],
        check=True,
    )
    environment = site_env(size, "uncached")
    log(f"Building the {size}-page site (once; a few minutes for 100,000) ...")
    started = time.monotonic()
    manage(environment, "migrate", "--noinput", "--verbosity", "0")
    manage(
        environment,
        "generate_bench_site",
        "--years",
        str(YEARS),
        "--stories-per-year",
        str(size // YEARS),
        "--last-year",
        str(LAST_YEAR),
        *(["--bulk"] if BULK else []),
    )
    log(f"Built the {size}-page site in {time.monotonic() - started:.0f} s.")
    analyse(size)
    point_site_at_bench_server(size)


def analyse(size):
    """Fresh planner statistics: after a bulk build PostgreSQL still plans for an empty
    site (it sorted the whole archive for the home page's ten stories). The search
    entries compacted first: a migration that rewrites them (search 0002) leaves the
    table twice its size, and a common word's count reads all of it."""
    for command in ("VACUUM FULL search_searchentry", "ANALYZE"):
        subprocess.run(["psql", database_url(size), "-q", "-c", command], check=True)


def point_site_at_bench_server(size):
    code = (
        "from wagtail.models import Site; "
        f"Site.objects.filter(is_default_site=True).update(hostname='127.0.0.1', port={SITE_PORT})"
    )
    manage(site_env(size, "uncached"), "shell", "--verbosity", "0", "--command", code)


STARTER_VENV = DATA / "starter-venv"
STARTER_PYTHON = STARTER_VENV / "bin/python"


def ensure_starter():
    """A plain `wagtail start` site, as its template makes it, with SQLite.

    It gets a virtualenv of its own: the starter's apps are called home and search
    too, and this project's editable install would shadow them.
    """
    folder = DATA / "starter"
    if (folder / "db.sqlite3").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(STARTER_VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(STARTER_VENV)], check=True)
    versions = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django, wagtail, gunicorn; print(django.__version__, "
            "wagtail.__version__, gunicorn.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    subprocess.run(
        [
            str(STARTER_PYTHON),
            "-m",
            "pip",
            "install",
            # Errors only: the machine's pip configuration warns about every index it lists.
            "-qq",
            f"django=={versions[0]}",
            f"wagtail=={versions[1]}",
            f"gunicorn=={versions[2]}",
        ],
        check=True,
    )
    folder.mkdir(parents=True)
    subprocess.run(
        [str(STARTER_VENV / "bin/wagtail"), "start", "starter", str(folder)],
        check=True,
        stdout=sys.stderr,
    )
    (folder / "starter/settings/local.py").write_text(
        'SECRET_KEY = "benchmark-only-starter-key"\nALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
    )
    environment = starter_env(folder)
    for arguments in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [str(STARTER_PYTHON), "manage.py", *arguments, "--verbosity", "0"],
            cwd=folder,
            env=environment,
            check=True,
        )
    return folder


def starter_env(folder):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "starter.settings.production"}
    environment.pop("DATABASE_URL", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return environment


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn on loopback, as `make serve` runs it."""

    def __init__(self, wsgi, folder, environment, gunicorn=BIN / "gunicorn", port=None):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                wsgi,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                WORKERS,
                "--log-level",
                "warning",
                "--timeout",
                str(WORKER_TIMEOUT),
            ],
            cwd=folder,
            env=environment,
            start_new_session=True,
        )
        for _ in range(120):
            try:
                get(self.base + "/robots.txt" if "lfnkr" in wsgi else self.base + "/")
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"{wsgi} did not start")

    def workers(self):
        return subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()

    def worker_peak_memory_mb(self):
        """The busiest worker's peak resident memory (VmHWM) since it started."""
        peaks = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024)
        return max(peaks)

    def worker_cpu_seconds(self):
        """User plus system CPU time of all workers so far: wrk's own CPU, on the
        same cores, is not in it."""
        total_ticks = 0
        for pid in self.workers():
            # Fields after the command name's closing parenthesis: utime and stime
            # are the 14th and 15th of /proc/<pid>/stat, the 12th and 13th here.
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total_ticks += int(fields[11]) + int(fields[12])
        return total_ticks / CLOCK_TICKS

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def get(url, headers=None, timeout=30):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def wrk(url, seconds, connections, paths=()):
    result = subprocess.run(
        [
            "wrk",
            "--threads",
            str(min(2, connections)),  # wrk wants no more threads than connections
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(BENCH / "report.lua"),
            url,
            *(["--", *paths] if paths else []),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def load(server, path, seconds=SECONDS, connections=CONNECTIONS, paths=()):
    """wrk's figures for one URL, with the workers' CPU time per request."""
    try:
        # Warm: the first visit makes renditions and fills caches.
        get(server.base + path, timeout=WORKER_TIMEOUT)
    except OSError as error:  # a timeout or an error status: the URL fails, the run goes on
        log(f"{path}: {error}")
        return {
            "requests": 0,
            "seconds": 0,
            "rps": 0,
            "p50_ms": 0,
            "p95_ms": 0,
            "p99_ms": 0,
            "errors": 1,
            "non_2xx_3xx": 0,
            "cpu_ms": math.inf,
            "failure": str(error),
        }
    workers_before = set(server.workers())
    cpu_before = server.worker_cpu_seconds()
    figures = wrk(server.base + path, seconds, connections, paths)
    cpu = server.worker_cpu_seconds() - cpu_before
    if set(server.workers()) != workers_before:
        # A worker was killed and replaced: its CPU time is lost, and so is its peak memory.
        log(f"{path}: a worker restarted during the load; its CPU time is not counted")
        figures["worker_restarted"] = True
    # No request finished: no CPU per request to speak of (infinite, fails its target).
    figures["cpu_ms"] = 1000 * cpu / figures["requests"] if figures["requests"] else math.inf
    return figures


def measure_url(server, path):
    """Under load, then alone: one connection, latency without queueing."""
    figures = load(server, path)
    # A URL that failed its warming visit fails alone too, without another long wait.
    alone = figures if "failure" in figures else load(server, path, ALONE_SECONDS, 1)
    if "failure" not in alone and alone["requests"] < SLOW_SAMPLES:
        # Slower than the window: wrk counts no request it did not finish in time.
        alone = timed_one_by_one(server.base + path)
    figures.update(
        alone_p50_ms=alone["p50_ms"],
        alone_p95_ms=alone["p95_ms"],
        alone_requests=alone["requests"],
        alone_errors=alone["errors"] + alone["non_2xx_3xx"],
    )
    return figures


SLOW_SAMPLES = 3


def timed_one_by_one(url):
    """Latency of a page too slow for ALONE_SECONDS: SLOW_SAMPLES visits in a row."""
    times_ms, errors = [], 0
    for _ in range(SLOW_SAMPLES):
        started = time.monotonic()
        try:
            get(url, timeout=WORKER_TIMEOUT)
        except OSError:
            errors += 1
            continue
        times_ms.append(1000 * (time.monotonic() - started))
    times_ms.sort()
    return {
        "requests": len(times_ms),
        "p50_ms": times_ms[len(times_ms) // 2] if times_ms else 0,
        "p95_ms": times_ms[-1] if times_ms else 0,  # of three: the slowest
        "errors": errors,
        "non_2xx_3xx": 0,
    }


def answered(figures, prefix=""):
    """Whether any request finished: wrk reports 0 ms latencies when none did, which
    must not pass for fast."""
    return figures[f"{prefix}requests"] > 0


def queries_per_request(environment, paths):
    """Counted in a Django process of its own, with the same settings and database."""
    code = (
        "import django, json, sys; django.setup();"
        "from django.db import connection; from django.test import Client;"
        "from django.test.utils import CaptureQueriesContext;"
        "client = Client(HTTP_HOST='127.0.0.1'); counts = {};\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    client.get(path); client.get(path)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        status = client.get(path).status_code\n"
        "    assert status == 200, (path, status)\n"
        "    counts[path] = len(queries)\n"
        "print(json.dumps(counts))"
    )
    result = subprocess.run(
        [PYTHON, "-c", code, json.dumps(paths)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def site_paths(size):
    stories_per_year = size // YEARS
    last_page = math.ceil(stories_per_year / PER_PAGE)
    return {
        "home": "/en/",
        "year, first page": f"/en/{LAST_YEAR}/",
        "year, last page": f"/en/{LAST_YEAR}/?page={last_page}",
        "news page": f"/en/{LAST_YEAR}/story-{LAST_YEAR}-{stories_per_year // 2}/",
        # The Japanese site lists the English stories not yet translated too; every
        # tenth story is translated (generate_bench_site), the middle one's neighbour.
        "Japanese home": "/ja/",
        "Japanese news page": f"/ja/{LAST_YEAR}/story-{LAST_YEAR}-{stories_per_year // 20 * 10}/",
        "search, common word": "/en/search/?q=refugees",
        "search, rare word": "/en/search/?q=Yodok",
        "search, Japanese word": "/ja/search/?q=%E9%9B%A3%E6%B0%91",
    }


def static_path(base):
    html = get(base + "/en/", timeout=WORKER_TIMEOUT)[2].decode()
    return re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)[1]


def home_weight(base):
    """Bytes a first visit to the home page transfers: HTML, CSS and JS, compressed."""
    accept = {"Accept-Encoding": "br, gzip"}
    # After the soak, the workers may still be working through its queue.
    _, headers, html = get(base + "/en/", accept, timeout=WORKER_TIMEOUT)
    total = len(html)
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html.decode()):
        total += len(get(base + asset, accept, timeout=WORKER_TIMEOUT)[2])
    return total / 1024


def lighthouse(base, paths):
    node_modules = BENCH / "node_modules/.bin/lighthouse"
    scores = {}
    for name, path in paths.items():
        report = DATA / "lighthouse.json"
        finished = subprocess.run(
            [
                str(node_modules),
                base + path,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--form-factor=mobile",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            capture_output=True,
            text=True,
        )
        if finished.returncode != 0:
            scores[name] = {"error": finished.stderr.strip().splitlines()[-1][:200]}
            continue
        categories = json.loads(report.read_text())["categories"]
        scores[name] = {key: round(value["score"] * 100) for key, value in categories.items()}
    return scores


def measure_size(size, starter, report):
    paths = site_paths(size)
    results = {}
    for mode in MODES:
        cached = mode == "cached"
        log(f"{size:,} pages, {mode}: serving and loading ...")
        # Every mode starts cold: nothing an earlier run or mode cached is served.
        subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=True, capture_output=True)
        server = Server("lfnkr_site.wsgi", ROOT, site_env(size, mode), port=SITE_PORT)
        try:
            static = measure_url(server, static_path(server.base))
            rows = {name: measure_url(server, path) for name, path in paths.items()}
            memory = server.worker_peak_memory_mb()
            extra = {}
            if cached:
                try:
                    extra.update(cached_extras(size, server, paths))
                except OSError as error:  # the figures above are kept all the same
                    log(f"soak, weight or Lighthouse failed: {error}")
                    extra["extras_error"] = str(error)
        finally:
            server.stop()
        queries = queries_per_request(site_env(size, mode), list(paths.values()))
        for name, path in paths.items():
            rows[name]["queries"] = queries[path]
        results[mode] = {"static": static, "rows": rows, "memory_mb": memory, **extra}
        # Kept as each mode ends: a run cut short still leaves what it measured.
        partial = {**report, size: {"starter": starter, **results}}
        (DATA / "report.json").write_text(json.dumps(partial, indent=2))
    report[size] = {"starter": starter, **results}
    print_size(size, report[size])
    (DATA / "report.json").write_text(json.dumps(report, indent=2))


def cached_extras(size, server, paths):
    """The soak, the home page's weight and Lighthouse, on the cached site."""
    extra = {}
    if SOAK_SECONDS:
        extra["soak"] = load(
            server, "/en/", seconds=SOAK_SECONDS, connections=50, paths=list(paths.values())
        )
    extra["home_kb"] = home_weight(server.base)
    if size == SIZES[-1] and LIGHTHOUSE:
        lighthouse_paths = {
            "home": paths["home"],
            "year index": paths["year, first page"],
            "news page": paths["news page"],
            "search": paths["search, common word"],
            "contact": "/en/contact/",
        }
        extra["lighthouse"] = lighthouse(server.base, lighthouse_paths)
    return extra


# The targets (16, "Fast without the cache"), checked without the caches
# (search is never cached anyway), the cached pages' against the static file.
# Search's latency target is the 10,000 site's up to that size, then 200 ms.
PAGES = [
    "home",
    "year, first page",
    "year, last page",
    "news page",
    "Japanese home",
    "Japanese news page",
]
SEARCHES = ["search, common word", "search, rare word", "search, Japanese word"]


def targets(size, mode, name, row, starter):
    """(what, met) for each target the row is measured against."""
    checks = []
    if mode == "uncached":
        if name in PAGES:
            ratio = row["rps"] / starter["rps"]
            checks.append(("≥0.5× starter req/s", ratio >= 0.5))
            checks.append(("≤6 queries", row["queries"] <= 6))
        ratio = row["cpu_ms"] / starter["cpu_ms"]
        checks.append(("CPU ≤3× starter", ratio <= 3))
    if mode == "uncached" and name in SEARCHES:
        if size <= 10_000:
            limit = 100 if name == "search, common word" else 30
        else:
            limit = 200
        fast = answered(row, "alone_") and row["alone_p95_ms"] < limit
        checks.append((f"p95 alone <{limit} ms", fast))
        checks.append(("≤10 queries", row["queries"] <= 10))
    if mode == "cached" and name in PAGES:
        checks.append(("≥0.7× static req/s", row["rps"] >= 0.7 * row["static_rps"]))
    return checks


def table_rows(size, figures):
    """One dict per measured row of a size: the starter, then per mode the static
    file and the pages, with the ratios and the targets."""
    starter = figures["starter"]
    yield {"size": size, "mode": "starter", "name": "wagtail start home", **starter, "checks": []}
    for mode in MODES:
        result = figures[mode]
        static = result["static"]
        yield {"size": size, "mode": mode, "name": "static file", **static, "checks": []}
        for name, row in result["rows"].items():
            row = {**row, "static_rps": static["rps"]}
            checks = targets(size, mode, name, row, starter)
            yield {"size": size, "mode": mode, "name": name, **row, "checks": checks}


def format_row(row, starter, markdown):
    queries = str(row["queries"]) if "queries" in row else ""
    versus_static = f"{row['rps'] / row['static_rps']:.2f}" if "static_rps" in row else ""
    errors = str(row["errors"] + row["non_2xx_3xx"] + row.get("alone_errors", 0))
    if row.get("worker_restarted"):
        errors += " (worker restarted)"
    alone = f"{row['alone_p50_ms']:.1f} / {row['alone_p95_ms']:.1f}"
    under_load = f"{row['p50_ms']:.0f} / {row['p95_ms']:.0f}"
    cells = [
        f"{row['size']:,}",
        row["name"],
        row["mode"],
        f"{row['rps']:.0f}",
        f"{row['rps'] / starter['rps']:.2f}",
        versus_static,
        alone if answered(row, "alone_") else "none answered",
        under_load if answered(row) else "none answered",
        queries,
        f"{row['cpu_ms']:.1f}",
        f"{row['cpu_ms'] / starter['cpu_ms']:.1f}",
        errors,
        "; ".join(f"{what} {'✓' if met else '✗'}" for what, met in row["checks"]),
    ]
    if markdown:
        return "| " + " | ".join(cells) + " |"
    widths = [7, 22, 9, 6, 6, 6, 13, 11, 4, 6, 6, 4, 0]
    return " ".join(
        cell.rjust(width) if 2 < index < 12 else cell.ljust(width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


HEADER = [
    "size",
    "URL",
    "mode",
    "req/s",
    "×starter",
    "×static",
    "alone p50/p95 ms",
    "load p50/p95 ms",
    "queries",
    "CPU ms/req",
    "CPU ×starter",
    "errors",
    "targets",
]


def print_size(size, figures):
    starter = figures["starter"]
    print(f"\n== {size:,} news pages ==")
    print(
        "  ".join(HEADER[:-1]) + "  targets\n(req/s and load latency with "
        f"{CONNECTIONS} connections for {SECONDS} s; alone: 1 connection for {ALONE_SECONDS} s)"
    )
    for row in table_rows(size, figures):
        print(format_row(row, starter, markdown=False))
    for mode in MODES:
        result = figures[mode]
        print(f"{mode}: worker peak memory {result['memory_mb']:.0f} MB")
        if "soak" in result:
            soak = result["soak"]
            print(
                f"soak, 50 visitors for {SOAK_SECONDS} s over these URLs: "
                f"{soak['requests']} requests, "
                f"{soak['rps']:.0f} req/s, p95 {soak['p95_ms']:.1f} ms, "
                f"errors {soak['errors'] + soak['non_2xx_3xx']}"
            )
        if "home_kb" in result:
            print(
                f"home page transferred (HTML + CSS + JS, compressed): {result['home_kb']:.1f} KB"
            )
        for page, scores in result.get("lighthouse", {}).items():
            print(f"lighthouse {page:12} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
    sys.stdout.flush()


def machine_line():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    return f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1024**2:.0f} GB, {platform.platform()}"


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# The embedded default (`make run`): SQLite with the real imported archive, in a
# throwaway database made afresh each run; search alone must answer in 100 ms.
SQLITE_DATABASE = DATA / "archive.sqlite3"
SQLITE_SEARCH_MS = 100


def measure_sqlite_search():
    """The three searches alone (1 connection) on SQLite with the imported archive,
    served as the PostgreSQL sites are, uncached: {name: figures with queries}."""
    SQLITE_DATABASE.unlink(missing_ok=True)
    environment = {**site_env(SIZES[0], "uncached"), "DATABASE_URL": f"sqlite:///{SQLITE_DATABASE}"}
    log("SQLite with the imported archive: building and searching ...")
    manage(environment, "migrate", "--noinput", "--verbosity", "0")
    manage(environment, "import_archive", "--verbosity", "0")
    paths = {name: path for name, path in site_paths(SIZES[0]).items() if name in SEARCHES}
    server = Server("lfnkr_site.wsgi", ROOT, environment, port=SITE_PORT)
    try:
        rows = {name: load(server, path, ALONE_SECONDS, 1) for name, path in paths.items()}
    finally:
        server.stop()
    queries = queries_per_request(environment, list(paths.values()))
    for name, path in paths.items():
        rows[name]["queries"] = queries[path]
    return rows


def sqlite_checks(row):
    fast = answered(row) and row["p95_ms"] < SQLITE_SEARCH_MS
    return [(f"p95 alone <{SQLITE_SEARCH_MS} ms", fast), ("≤10 queries", row["queries"] <= 10)]


def print_summary(report, started_at, load_at_start, sqlite=None):
    """One markdown table of every size, for the README's benchmark section."""
    print(f"\n## Benchmark, {started_at:%Y-%m-%d %H:%M} UTC\n")
    print(
        f"Machine: {machine_line()}. Load average at the start {load_at_start}, "
        f"at the end {load_average()} (other work on the machine makes figures indicative)."
    )
    print(
        f"gunicorn with {WORKERS} workers on loopback, wrk with {CONNECTIONS} connections "
        f"for {SECONDS} s per URL (load), 1 connection for {ALONE_SECONDS} s (alone); "
        "CPU is the workers' user + system time per request; ×starter compares with the "
        "plain `wagtail start` home page, ×static with a static file on the same server.\n"
    )
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "|".join("---:" if 2 < index < 12 else "---" for index in range(len(HEADER))) + "|")
    met = failed = 0
    failures = []
    for size, figures in report.items():
        for row in table_rows(size, figures):
            print(format_row(row, figures["starter"], markdown=True))
            for what, ok in row["checks"]:
                met += ok
                failed += not ok
                if not ok:
                    failures.append(f"{size:,} {row['mode']} {row['name']}: {what}")
    print("\n| size | uncached MB | fragments MB | cached MB | target <150 MB at 100,000 |")
    print("|---:|---:|---:|---:|---|")
    for size, figures in report.items():
        peak = max(figures[mode]["memory_mb"] for mode in MODES)
        verdict = ""
        if size >= 100_000:
            ok = peak < 150
            met += ok
            failed += not ok
            verdict = "✓" if ok else "✗"
            if not ok:
                failures.append(f"{size:,} worker memory {peak:.0f} MB: <150 MB")
        cells = [f"{figures[mode]['memory_mb']:.0f}" for mode in MODES]
        print(f"| {size:,} | " + " | ".join(cells) + f" | {verdict} |")
    if sqlite:
        print("\n| SQLite, imported archive | alone p50/p95 ms | queries | CPU ms/req | targets |")
        print("|---|---:|---:|---:|---|")
        for name, row in sqlite.items():
            checks = sqlite_checks(row)
            for what, ok in checks:
                met += ok
                failed += not ok
                if not ok:
                    failures.append(f"SQLite {name}: {what}")
            alone = f"{row['p50_ms']:.1f} / {row['p95_ms']:.1f}" if answered(row) else "none"
            verdicts = "; ".join(f"{what} {'✓' if ok else '✗'}" for what, ok in checks)
            print(f"| {name} | {alone} | {row['queries']} | {row['cpu_ms']:.1f} | {verdicts} |")
    print(f"\nTargets: {met} met, {failed} not met.")
    for failure in failures:
        print(f"- not met: {failure}")


def measure_starter():
    starter_folder = ensure_starter()
    starter = Server(
        "starter.wsgi",
        starter_folder,
        starter_env(starter_folder),
        gunicorn=STARTER_VENV / "bin/gunicorn",
    )
    try:
        figures = measure_url(starter, "/")
        figures["memory_mb"] = starter.worker_peak_memory_mb()
    finally:
        starter.stop()
    return figures


def main():
    started = time.monotonic()
    started_at = datetime.now(UTC)
    load_at_start = load_average()
    DATA.mkdir(exist_ok=True)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk (make bench does it)")
    # The templates name hashed static files: the sites' checks after building need them.
    manage(site_env(SIZES[0], "uncached"), "collectstatic", "--noinput", "--verbosity", "0")
    for size in SIZES:
        ensure_site(size)
    log("The plain wagtail start site ...")
    starter = measure_starter()
    print(
        f"LFNKR benchmark: gunicorn with {WORKERS} workers, wrk with {CONNECTIONS} "
        f"connections for {SECONDS} s per URL and 1 for {ALONE_SECONDS} s, on {machine_line()}"
    )
    report = {}
    for size in SIZES:
        measure_size(size, starter, report)
    sqlite = measure_sqlite_search()
    print_summary(report, started_at, load_at_start, sqlite)
    minutes = (time.monotonic() - started) / 60
    print(f"\nAll figures: {DATA / 'report.json'}. Run time {minutes:.1f} min.")


if __name__ == "__main__":
    main()
