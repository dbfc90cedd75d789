// Full-page screenshots of a few pages at phone and desktop widths, in the
// light and dark themes, for a person to look at.
//
// usage: node screenshots.js <site dir> <out dir> <page> [<page> ...]
// Writes <out dir>/<page name>-<width>-<theme>.png and prints the list.
"use strict";

const fs = require("fs");
const path = require("path");
const { applyThemeAfterLoad, emptyProblems, launch, recordProblems, runMain, serve, settle, useTheme } = require("./lib");

const WIDTHS = [390, 1280];
const HEIGHTS = { 390: 844, 1280: 900 };
const THEMES = ["light", "dark"];

async function main() {
  const site = path.resolve(process.argv[2]);
  const out = path.resolve(process.argv[3]);
  const pages = process.argv.slice(4);
  fs.mkdirSync(out, { recursive: true });
  const problems = emptyProblems();
  const { server, origin } = await serve(site);
  const browser = await launch({ blocked: problems.external });
  const shots = [];
  try {
    for (const rel of pages) {
      for (const width of WIDTHS) {
        for (const theme of THEMES) {
          const page = await browser.context.newPage();
          await page.setViewportSize({ width, height: HEIGHTS[width] });
          recordProblems(page, rel, problems);
          await useTheme(page, theme);
          await settle(page, `${origin}/${rel}`);
          await applyThemeAfterLoad(page, theme);
          await page.waitForTimeout(150);
          const name = `${path.basename(rel, ".html")}-${width}-${theme}.png`;
          const file = path.join(out, name);
          await page.screenshot({ path: file, fullPage: true });
          const theme_ = await page.evaluate(() => document.documentElement.dataset.theme);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          shots.push({ page: rel, width, theme, appliedTheme: theme_, file, horizontalOverflow: overflow });
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { shots, ...problems };
}

runMain(main);
