// Visit every page of the built site with the network cut off at the
// browser: only 127.0.0.1/localhost (and file://) are allowed. Reports
// attempted external requests, console errors, page errors and failed
// local requests, for every page and for index.html opened via file://.
//
// usage: node offline.js <site dir>
"use strict";

const path = require("path");
const { emptyProblems, forEachAtOnce, launch, listPages, recordProblems, runMain, serve, settle } = require("./lib");

async function main() {
  const site = path.resolve(process.argv[2]);
  const pages = listPages(site);
  const problems = emptyProblems();
  const { server, origin } = await serve(site);
  const browser = await launch({ blocked: problems.external });
  const visited = [];
  try {
    await forEachAtOnce(pages, async (rel) => {
      const page = await browser.context.newPage();
      recordProblems(page, rel, problems);
      await settle(page, `${origin}/${rel}`);
      visited.push(rel);
      await page.close();
    });
    // once via file://, as a reader who downloaded the site would open it
    const page = await browser.context.newPage();
    const label = "file://index.html";
    recordProblems(page, label, problems);
    await settle(page, "file://" + path.join(site, "index.html"));
    await page.waitForURL(/book\/index\.html$/, { timeout: 10000 }).catch(() => {});
    await page.waitForLoadState("load").catch(() => {});
    const fileTitle = await page.title();
    const fileUrl = page.url();
    await page.close();
    return { origin, pages: visited, file: { url: fileUrl, title: fileTitle }, ...problems };
  } finally {
    await browser.close();
    server.close();
  }
}

runMain(main);
