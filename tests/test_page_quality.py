"""Every page type in both languages, measured as issue 15 asks ("Measured, not guessed").

On a 390×844 phone: axe-core finds no violation, the site header takes at most a
fifth of the first screen and the Donate button is in it; Lighthouse's mobile audit
scores 100 in performance, accessibility, best practices and SEO.

Building the pages and measuring them takes minutes (Lighthouse most of it), so it
is done once per test session: the first test that needs a measurement builds the
site (tests/site_pages.py), measures every page and shares the results with the
other pytest-xdist workers through a file; each test then asserts one page type in
one language, so a failure names the page, the language and the rule.
"""

import fcntl
import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.factories import site_home
from tests.site_pages import LANGUAGES, PAGE_KINDS, build_site_pages

pytestmark = [
    pytest.mark.browser,
    # The pages are built in the first test and served live; every other test only
    # reads the measurements (a transactional test's rollback costs little then).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = ROOT / "tests" / "lighthouse.mjs"

PHONE = {"width": 390, "height": 844}
HEADER_SHARE_OF_FIRST_SCREEN = 0.20
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Pages search engines are told not to index, or that answer with an error status,
# which Lighthouse's SEO category counts against them: right for these pages.
NOT_FOR_SEARCH_ENGINES = {"search", "404", "500"}


EVERY_PAGE = [f"{kind}-{language}" for kind in PAGE_KINDS for language in LANGUAGES]


# --- Measuring, once per session -------------------------------------------------

_measured = {}


def measured_once(tmp_path_factory, what, measure):
    """`measure()`'s result, computed by the first worker that asks and read by the
    others from a file (pytest-xdist's documented way to share a session's work)."""
    if what in _measured:
        return _measured[what]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        _measured[what] = measure()
        return _measured[what]
    shared = tmp_path_factory.getbasetemp().parent
    results = shared / f"page-quality-{what}.json"
    with open(shared / f"page-quality-{what}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not results.exists():
            results.write_text(json.dumps(measure()))
    _measured[what] = json.loads(results.read_text())
    return _measured[what]


def serve_site_pages(request):
    """Every page type, built in a database of its own test and served live."""
    request.getfixturevalue("settings").ROOT_URLCONF = "tests.site_pages"
    return request.getfixturevalue("live_server").url, build_site_pages(site_home())


def measure_in_a_phone_browser(request):
    """Per page: its status, axe's violations and the header's measurements."""
    server, pages = serve_site_pages(request)
    browser = request.getfixturevalue("browser")
    axe_source = AXE.read_text()
    results = {}
    tab = browser.new_page(viewport=PHONE)
    for site_page in pages:
        response = tab.goto(server + site_page.url)
        # Evaluated through the DevTools protocol, which the site's CSP does not govern.
        tab.evaluate(axe_source)
        axe = tab.evaluate("axe.run().then(r => r.violations)")
        header = tab.locator("header.site-header").first.bounding_box()
        donate = tab.locator(".site-header .donate-button")
        results[site_page.name] = {
            "url": site_page.url,
            "status": response.status,
            "expected_status": site_page.status,
            "axe": [
                {
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "help": violation["help"],
                    "nodes": [" ".join(node["target"]) for node in violation["nodes"]],
                }
                for violation in axe
            ],
            "header": header,
            "donate": donate.first.bounding_box() if donate.count() else None,
        }
    tab.close()
    return results


def measure_with_lighthouse(request):
    server, pages = serve_site_pages(request)
    started = time.monotonic()
    run = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            *(server + site_page.url for site_page in pages),
            "--",
            "--headless=new",
            *CHROMIUM_ARGS,
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    assert run.returncode == 0, run.stderr
    reports = json.loads(run.stdout)
    by_name = {
        site_page.name: {
            **reports[server + site_page.url],
            "url": site_page.url,
            "status": site_page.status,
        }
        for site_page in pages
    }
    by_name["_seconds"] = time.monotonic() - started
    return by_name


@pytest.fixture
def phone_measurements(request, tmp_path_factory):
    return measured_once(tmp_path_factory, "phone", lambda: measure_in_a_phone_browser(request))


@pytest.fixture
def lighthouse_reports(request, tmp_path_factory):
    return measured_once(tmp_path_factory, "lighthouse", lambda: measure_with_lighthouse(request))


# --- What the design must meet ---------------------------------------------------


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_axe_finds_no_accessibility_violation(name, phone_measurements):
    page = phone_measurements[name]
    assert page["status"] == page["expected_status"], f"{name} ({page['url']})"
    if page["axe"]:
        pytest.fail(
            f"axe-core on {name} ({page['url']}), {PHONE['width']} px wide:\n"
            + "\n".join(
                f"  {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                for v in page["axe"]
            )
        )


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_the_header_leaves_a_phone_screen_to_the_page_and_shows_donate(name, phone_measurements):
    page = phone_measurements[name]
    header, donate = page["header"], page["donate"]
    limit = HEADER_SHARE_OF_FIRST_SCREEN * PHONE["height"]
    where = f"{name} ({page['url']}) on a {PHONE['width']}×{PHONE['height']} phone"
    assert header is not None, f"{where}: no header.site-header"
    assert header["height"] <= limit, (
        f"{where}: the header is {header['height']:.0f} px tall, "
        f"{header['height'] / PHONE['height']:.0%} of the first screen (at most {limit:.1f} px)"
    )
    assert donate is not None, f"{where}: no Donate button (.site-header .donate-button)"
    within = (
        donate["x"] >= 0
        and donate["y"] >= 0
        and donate["x"] + donate["width"] <= PHONE["width"]
        and donate["y"] + donate["height"] <= PHONE["height"]
    )
    assert within, f"{where}: the Donate button is not wholly on the first screen: {donate}"


def only_its_own_status_in_console(report):
    """Chrome logs an error page's own status as a console error, which Lighthouse's
    best practices count: nothing else may cost the page that category."""
    failing = report["failing"]["best-practices"]
    status = f"status of {report['status']} "
    return (
        report["scores"]["best-practices"] < 100
        and [audit["id"] for audit in failing] == ["errors-in-console"]
        and all(status in line for line in failing[0]["elements"])
    )


@pytest.mark.parametrize("name", EVERY_PAGE)
def test_lighthouse_mobile_scores_100_in_every_category(name, lighthouse_reports):
    report = lighthouse_reports[name]
    assert report["runtimeError"] is None, f"Lighthouse on {name}: {report['runtimeError']}"
    categories = [
        category
        for category in LIGHTHOUSE_CATEGORIES
        if not (category == "seo" and name.rsplit("-", 1)[0] in NOT_FOR_SEARCH_ENGINES)
    ]
    below = [category for category in categories if report["scores"][category] < 100]
    if name.rsplit("-", 1)[0] in ("404", "500") and only_its_own_status_in_console(report):
        below.remove("best-practices")
    if below:
        pytest.fail(
            f"Lighthouse mobile on {name} ({report['url']}); performance in "
            f"{len(report['performanceRuns'])} runs: {report['performanceRuns']}\n"
            + "\n".join(
                f"  {category} {report['scores'][category]}:"
                + "".join(
                    f"\n    {audit['id']}: {audit['title']} {audit['value']}"
                    + "".join(f"\n      {element}" for element in audit["elements"] if element)
                    for audit in report["failing"][category]
                )
                for category in below
            )
        )
