// Visit every page of the built site with the network cut off at the
// browser: only 127.0.0.1/localhost (and file://) are allowed. Reports
// attempted external requests, console errors, page errors and failed
// local requests, for every page and for index.html opened via file://.
//
// usage: node offline.js <site dir>
"use strict";

const path = require("path");
const { emptyProblems, launch, listPages, recordProblems, runMain, serve, settle } = require("./lib");

async function main() {
  const site = path.resolve(process.argv[2]);
  const pages = listPages(site);
  const problems = emptyProblems();
  const { server, origin } = await serve(site);
  const browser = await launch({ blocked: problems.external });
  const visited = [];
  try {
    for (const rel of pages) {
      const page = await browser.context.newPage();
      const before = problems.external.length;
      recordProblems(page, rel, problems);
      await settle(page, `${origin}/${rel}`);
      // attribute blocked requests to the page that made them
      problems.external.splice(before, problems.external.length - before,
        ...problems.external.slice(before).map((u) => (typeof u === "string" ? { page: rel, url: u } : u)));
      visited.push(rel);
      await page.close();
    }
    // once via file://, as a reader who downloaded the site would open it
    const page = await browser.context.newPage();
    const label = "file://index.html";
    const before = problems.external.length;
    recordProblems(page, label, problems);
    await settle(page, "file://" + path.join(site, "index.html"));
    await page.waitForURL(/book\/index\.html$/, { timeout: 10000 }).catch(() => {});
    await page.waitForLoadState("load").catch(() => {});
    const fileTitle = await page.title();
    const fileUrl = page.url();
    problems.external.splice(before, problems.external.length - before,
      ...problems.external.slice(before).map((u) => (typeof u === "string" ? { page: label, url: u } : u)));
    await page.close();
    return { origin, pages: visited, file: { url: fileUrl, title: fileTitle }, ...problems };
  } finally {
    await browser.close();
    server.close();
  }
}

runMain(main);
