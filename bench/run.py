"""The benchmark: `make bench` runs this file. It prints figures; CI never runs it.

For a site of 1,000 and one of 10,000 news pages (PostgreSQL databases built once
by `manage.py generate_bench_site`), the site is served with the production
settings by gunicorn on loopback, uncached and then with its caches in Redis, and
loaded with wrk. In the same run, two baselines on the same server: a static file
(whitenoise) and the home page of a plain `wagtail start` site. Then queries per
request, the workers' peak memory, a 60-second soak with 50 visitors, the home
page's weight and Lighthouse's four scores. See bench/README.md.
"""

import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "10"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
# A fixed port, written into the Wagtail Site: canonical links then point at the
# server Lighthouse visits, as they would in production.
SITE_PORT = int(os.environ.get("BENCH_PORT", "8301"))
SOAK_SECONDS = int(os.environ.get("BENCH_SOAK_SECONDS", "60"))
YEARS = 20
LAST_YEAR = 2026
PER_PAGE = 20  # news.models.NEWS_PER_PAGE

SITE_ENV = {
    "DJANGO_SETTINGS_MODULE": "lfnkr_site.settings.production",
    "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 30,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "DB_CONN_MAX_AGE": "60",
    "STATIC_ROOT": str(DATA / "static"),
    "MEDIA_ROOT": str(DATA / "media"),
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def database_url(size):
    return f"{POSTGRES}/lfnkr_bench_{size}"


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
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def ensure_site(size):
    """Build the benchmark database once; later runs reuse it."""
    done = DATA / f"site-{size}.built"
    if done.exists():
        point_site_at_bench_server(size)
        return
    name = f"lfnkr_bench_{size}"
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
    log(f"Building the {size}-page site (once; several minutes for 10,000) ...")
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
    )
    point_site_at_bench_server(size)
    done.touch()


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
            "--quiet",
            f"django=={versions[0]}",
            f"wagtail=={versions[1]}",
            f"gunicorn=={versions[2]}",
        ],
        check=True,
    )
    folder.mkdir(parents=True)
    subprocess.run([str(STARTER_VENV / "bin/wagtail"), "start", "starter", str(folder)], check=True)
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

    def worker_peak_memory_mb(self):
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        peaks = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024)
        return max(peaks)

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def load(url, seconds=SECONDS, connections=CONNECTIONS, paths=()):
    get(url)  # warm: the first visit makes renditions and fills caches
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


def queries_per_request(size, mode, paths):
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
        env=site_env(size, mode),
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
        "search, common word": "/en/search/?q=refugees",
        "search, rare word": "/en/search/?q=Yodok",
        "search, Japanese word": "/ja/search/?q=%E9%9B%A3%E6%B0%91",
    }


def static_path(base):
    html = get(base + "/en/")[2].decode()
    return re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)[1]


def home_weight(base):
    """Bytes a first visit to the home page transfers: HTML, CSS and JS, compressed."""
    accept = {"Accept-Encoding": "br, gzip"}
    _, headers, html = get(base + "/en/", accept)
    total = len(html)
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html.decode()):
        total += len(get(base + asset, accept)[2])
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


def measure_size(size, starter_base, starter_figures, report):
    paths = site_paths(size)
    results = {}
    for mode in MODES:
        cached = mode == "cached"
        log(f"{size} pages, {mode}: serving and loading ...")
        # Every mode starts cold: nothing an earlier run or mode cached is served.
        subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=True, capture_output=True)
        server = Server("lfnkr_site.wsgi", ROOT, site_env(size, mode), port=SITE_PORT)
        try:
            static = load(server.base + static_path(server.base))
            rows = {name: load(server.base + path) for name, path in paths.items()}
            if mode == "uncached":
                # Latency without queueing: one visitor at a time.
                for name, path in paths.items():
                    alone = load(server.base + path, seconds=5, connections=1)
                    rows[name]["alone_p95_ms"] = alone["p95_ms"]
            memory = server.worker_peak_memory_mb()
            extra = {}
            if cached:
                extra["soak"] = load(
                    server.base + "/en/",
                    seconds=SOAK_SECONDS,
                    connections=50,
                    paths=list(paths.values()),
                )
                extra["home_kb"] = home_weight(server.base)
                if size == SIZES[-1] and os.environ.get("BENCH_LIGHTHOUSE", "1") == "1":
                    lighthouse_paths = {
                        "home": paths["home"],
                        "year index": paths["year, first page"],
                        "news page": paths["news page"],
                        "search": paths["search, common word"],
                        "contact": "/en/contact/",
                    }
                    extra["lighthouse"] = lighthouse(server.base, lighthouse_paths)
        finally:
            server.stop()
        queries = queries_per_request(size, mode, list(paths.values()))
        results[mode] = {
            "static": static,
            "rows": rows,
            "queries": {name: queries[path] for name, path in paths.items()},
            "memory_mb": memory,
            **extra,
        }
    report[size] = {"starter": starter_figures, **results}
    print_size(size, report[size])
    (DATA / "report.json").write_text(json.dumps(report, indent=2))


def print_size(size, figures):
    starter = figures["starter"]
    print(f"\n== {size:,} news pages ==")
    print(
        f"baseline: plain wagtail start home page: {starter['rps']:.0f} req/s, "
        f"p50 {starter['p50_ms']:.1f} ms, p95 {starter['p95_ms']:.1f} ms"
    )
    for mode in MODES:
        result = figures[mode]
        static = result["static"]
        print(
            f"\n-- {mode} (static file on the same server: {static['rps']:.0f} req/s, "
            f"p95 {static['p95_ms']:.1f} ms) --"
        )
        print(
            f"{'URL':24} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} "
            f"{'x static':>9} {'x starter':>10} {'errors':>7}"
            + (f" {'p95 alone':>8}" if mode == "uncached" else "")
        )
        for name, row in result["rows"].items():
            alone = f"{row['alone_p95_ms']:8.1f}" if "alone_p95_ms" in row else ""
            print(
                f"{name:24} {row['rps']:8.0f} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
                f"{result['queries'][name]:8d} {row['rps'] / static['rps']:9.2f} "
                f"{row['rps'] / starter['rps']:10.2f} "
                f"{row['errors'] + row['non_2xx_3xx']:7d}{alone}"
            )
        print(f"worker peak memory: {result['memory_mb']:.0f} MB")
        if "soak" in result:
            soak = result["soak"]
            print(
                f"soak, 50 visitors for {SOAK_SECONDS} s over these URLs: "
                f"{soak['requests']} requests, "
                f"{soak['rps']:.0f} req/s, p95 {soak['p95_ms']:.1f} ms, "
                f"errors {soak['errors'] + soak['non_2xx_3xx']}"
            )
            print(
                f"home page transferred (HTML + CSS + JS, compressed): {result['home_kb']:.1f} KB"
            )
        for page, scores in result.get("lighthouse", {}).items():
            print(f"lighthouse {page:12} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
    sys.stdout.flush()


def main():
    DATA.mkdir(exist_ok=True)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk (make bench does it)")
    for size in SIZES:
        ensure_site(size)
    manage(site_env(SIZES[0], "uncached"), "collectstatic", "--noinput", "--verbosity", "0")
    starter_folder = ensure_starter()
    starter = Server(
        "starter.wsgi",
        starter_folder,
        starter_env(starter_folder),
        gunicorn=STARTER_VENV / "bin/gunicorn",
    )
    try:
        starter_figures = load(starter.base + "/")
        starter_figures["memory_mb"] = starter.worker_peak_memory_mb()
    finally:
        starter.stop()
    print(
        f"LFNKR benchmark: gunicorn with {WORKERS} workers, wrk with {CONNECTIONS} "
        f"connections for {SECONDS} s per URL, on this machine ({os.cpu_count()} cores)"
    )
    report = {}
    for size in SIZES:
        measure_size(size, starter.base, starter_figures, report)
    print(f"\nAll figures: {DATA / 'report.json'}")


if __name__ == "__main__":
    main()
