// The interactive tables work offline: on a page with a long table
// (table.interactive), DataTables adds a search box that filters rows, and
// clicking a column header sorts the rows.
//
// usage: node tables.js <site dir> <page, e.g. book/appendix_statements.html>
"use strict";

const path = require("path");
const { emptyProblems, launch, recordProblems, runMain, serve, settle } = require("./lib");

async function columnTexts(table, index) {
  return table.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts();
}

async function main() {
  const site = path.resolve(process.argv[2]);
  const rel = process.argv[3];
  const problems = emptyProblems();
  const { server, origin } = await serve(site);
  const browser = await launch({ blocked: problems.external });
  const result = { page: rel };
  try {
    const page = await browser.context.newPage();
    recordProblems(page, rel, problems);
    // the static table as the page ships it, before any script runs
    const staticPage = await browser.context.newPage();
    await staticPage.route("**/interactive-tables.js*", (route) => route.abort());
    await staticPage.goto(`${origin}/${rel}`, { waitUntil: "load" });
    const staticTable = staticPage.locator("table.interactive").first();
    result.staticRows = await staticTable.locator("tbody tr").count();
    const headers = await staticTable.locator("thead th").allInnerTexts();
    result.headers = headers.map((h) => h.trim());
    const staticColumns = [];
    for (let i = 0; i < headers.length; i += 1) staticColumns.push(await columnTexts(staticTable, i));
    await staticPage.close();

    await settle(page, `${origin}/${rel}`);
    result.ready = await page.evaluate(() => document.documentElement.dataset.interactiveTables || "");
    const table = page.locator("table.interactive").first();
    const container = page.locator(".dt-container").filter({ has: table });
    result.enhanced = (await container.count()) === 1;
    result.rows = await table.locator("tbody tr").count();

    // search: a word from the last row's first cell must keep that row and drop others
    const search = container.locator(".dt-search input");
    result.searchBox = (await search.count()) === 1 && (await search.isVisible());
    if (result.searchBox) {
      const lastRow = staticColumns.map((col) => col[col.length - 1] || "");
      const term = lastRow.join(" ").split(/\s+/).filter((w) => /^[\p{L}]{4,}$/u.test(w))
        .find((w) => staticColumns.some((col) => !col.some((c) => c.toLowerCase().includes(w.toLowerCase()))));
      result.searchTerm = term || null;
      if (term) {
        await search.fill(term);
        await page.waitForTimeout(300);
        const rowTexts = await table.locator("tbody tr").allInnerTexts();
        result.rowsAfterSearch = rowTexts.length;
        result.expectedAfterSearch = staticColumns[0]
          .map((_, r) => staticColumns.map((col) => col[r]).join(" "))
          .filter((row) => row.toLowerCase().includes(term.toLowerCase())).length;
        result.allMatch = rowTexts.every((t) => t.toLowerCase().includes(term.toLowerCase()));
        await search.fill("");
        await page.waitForTimeout(300);
        result.rowsAfterClear = await table.locator("tbody tr").count();
      }
    }

    // sort: the first text column that the page does not already list in order
    const collator = new Intl.Collator("en", { sensitivity: "base" });
    const isSorted = (vals, dir) => vals.every((v, i) => i === 0 || dir * collator.compare(vals[i - 1], v) <= 0)
      || vals.every((v, i) => i === 0 || dir * (vals[i - 1].toLowerCase() < v.toLowerCase() ? -1 : vals[i - 1].toLowerCase() > v.toLowerCase() ? 1 : 0) <= 0);
    const numeric = (vals) => vals.every((v) => v === "" || /^-?[\d,.]+$/.test(v.trim()));
    const column = staticColumns.findIndex((vals) => !numeric(vals) && new Set(vals).size > 1 && !isSorted(vals, 1));
    result.sortColumn = column >= 0 ? result.headers[column] : null;
    if (column >= 0) {
      const header = table.locator("thead th").nth(column);
      await header.click();
      await page.waitForTimeout(200);
      result.ariaSortAfterOneClick = await header.getAttribute("aria-sort");
      const ascending = await columnTexts(table, column);
      await header.click();
      await page.waitForTimeout(200);
      result.ariaSortAfterTwoClicks = await header.getAttribute("aria-sort");
      const descending = await columnTexts(table, column);
      result.sortedAscending = isSorted(ascending, 1);
      result.sortedDescending = isSorted(descending, -1);
      result.orderChanged = ascending.join("\u0000") !== staticColumns[column].join("\u0000");
      result.sortedRows = ascending.length;
    }
    await page.close();
  } finally {
    await browser.close();
    server.close();
  }
  return { ...result, ...problems };
}

runMain(main);
