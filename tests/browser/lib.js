// Shared helpers for the browser checks: a local static server, an offline
// Chromium (the Debian binary driven by playwright-core), the list of pages,
// and event recorders. Every check prints one JSON object on stdout; the
// pytest wrapper (tests/test_browser.py) reads it and decides pass/fail.
"use strict";

const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

/** Serve `root` on 127.0.0.1 (a free port). Resolves to {server, origin}. */
function serve(root) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
        return;
      }
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
      res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/** Every HTML page of the site, as paths relative to it (theme templates under _static/ excluded). */
function listPages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join("/");
      if (entry.isDirectory()) {
        if (!rel.startsWith("_")) walk(full);
      } else if (entry.name.endsWith(".html")) {
        pages.push(rel);
      }
    }
  };
  walk(root);
  return pages.sort();
}

/** An offline Chromium with a fresh profile. Any request to a host that is not local is aborted and recorded. */
async function launch({ blocked, width = 1280, height = 900, colorScheme = "light" } = {}) {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "asian-nato-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    colorScheme,
    reducedMotion: "reduce",
    serviceWorkers: "block",
  });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "file:" || url.protocol === "data:" || url.protocol === "blob:" || LOCAL_HOSTS.has(url.hostname)) {
      return route.continue();
    }
    if (blocked) blocked.push({ page: pageLabel(route.request()), url: route.request().url() });
    return route.abort("blockedbyclient");
  });
  const close = async () => {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

function isLocal(url) {
  try {
    const u = new URL(url);
    return u.protocol === "file:" || LOCAL_HOSTS.has(u.hostname);
  } catch (e) {
    return false;
  }
}

// The label each page was given in recordProblems, so that a request the context blocks is put down to its page.
const PAGE_LABELS = new WeakMap();

function pageLabel(request) {
  try {
    return PAGE_LABELS.get(request.frame().page()) || "";
  } catch (e) {
    return ""; // a request with no frame (a service worker's)
  }
}

/** Record console errors, page errors, failed local requests and external attempts made by `page`. */
function recordProblems(page, label, problems) {
  PAGE_LABELS.set(page, label);
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      const loc = msg.location();
      problems.consoleErrors.push({ page: label, text: msg.text(), source: loc && loc.url ? `${loc.url}:${loc.lineNumber}` : "" });
    }
  });
  page.on("pageerror", (err) => problems.pageErrors.push({ page: label, text: String(err && err.stack ? err.stack : err) }));
  page.on("requestfailed", (req) => {
    if (isLocal(req.url())) {
      problems.failedRequests.push({ page: label, url: req.url(), reason: (req.failure() || {}).errorText || "failed" });
    }
  });
  page.on("response", (res) => {
    if (isLocal(res.url()) && res.status() >= 400) {
      problems.failedRequests.push({ page: label, url: res.url(), reason: `HTTP ${res.status()}` });
    }
  });
}

function emptyProblems() {
  return { external: [], consoleErrors: [], pageErrors: [], failedRequests: [] };
}

/** Load a page and let it settle: the load event, then no network for 500 ms, then interactive tables (if any). */
async function settle(page, url) {
  await page.goto(url, { waitUntil: "load", timeout: 30000 });
  await page.waitForLoadState("networkidle", { timeout: 15000 }).catch(() => {});
  const hasInteractive = await page.evaluate(() => document.querySelector("table.interactive") !== null);
  if (hasInteractive && !url.startsWith("file:")) {
    await page
      .waitForFunction(() => document.documentElement.dataset.interactiveTables === "ready", null, { timeout: 15000 })
      .catch(() => {});
  }
  await page.evaluate(() => (document.fonts ? document.fonts.ready.then(() => true) : true));
}

/** Switch the sphinx-book-theme (pydata) colour theme before the page's own scripts run. */
async function useTheme(page, theme) {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((mode) => {
    try {
      window.localStorage.setItem("mode", mode);
      window.localStorage.setItem("theme", mode);
    } catch (e) {
      /* file:// pages may refuse storage; data-theme is set after load instead */
    }
  }, theme);
}

async function applyThemeAfterLoad(page, theme) {
  await page.evaluate((mode) => {
    document.documentElement.dataset.mode = mode;
    document.documentElement.dataset.theme = mode;
  }, theme);
}

/** Run `main` and print its result as JSON; exit 2 on an unexpected error (the wrapper shows stderr). */
function runMain(main) {
  main()
    .then((result) => {
      process.stdout.write(JSON.stringify(result) + "\n");
      process.exit(0);
    })
    .catch((err) => {
      process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
      process.exit(2);
    });
}

/**
 * Call `visit` on every item, `limit` at a time. Pages mostly wait (for 500 ms without network
 * traffic, see `settle`), so visiting a few at once lets the waits overlap.
 */
async function forEachAtOnce(items, visit, limit = 4) {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      await visit(item);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

module.exports = {
  applyThemeAfterLoad,
  emptyProblems,
  forEachAtOnce,
  launch,
  listPages,
  recordProblems,
  runMain,
  serve,
  settle,
  useTheme,
};
