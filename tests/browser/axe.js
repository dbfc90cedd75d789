// Run axe-core on every page of the built site, in the light and the dark
// theme, offline. Prints every violation (rule, impact, page, targets); the
// pytest wrapper fails on those with impact "serious" or "critical".
//
// usage: node axe.js <site dir>
"use strict";

const path = require("path");
const { applyThemeAfterLoad, forEachAtOnce, launch, listPages, runMain, serve, settle, useTheme } = require("./lib");

const AXE = require.resolve("axe-core/axe.min.js");

// Rules switched off for a selector, each with its reason. Keep this empty
// unless a violation sits in third-party theme markup that neither config
// nor book/_static CSS/JS can fix.
const EXCLUDE = [];
async function auditPage(context, origin, rel, theme) {
  const page = await context.newPage();
  await useTheme(page, theme);
  await settle(page, `${origin}/${rel}`);
  await applyThemeAfterLoad(page, theme);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (exclude) => {
    const result = await window.axe.run(
      { include: [document], exclude: exclude.map((e) => e.selector) },
      { resultTypes: ["violations"] },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), impact: n.impact, summary: n.failureSummary })),
    }));
  }, EXCLUDE);
  const actualTheme = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.close();
  return { run: { page: rel, theme, actualTheme }, violations: violations.map((v) => ({ ...v, page: rel, theme })) };
}

async function main() {
  const site = path.resolve(process.argv[2]);
  const pages = listPages(site);
  const { server, origin } = await serve(site);
  const browser = await launch({ blocked: [] });
  const violations = [];
  const audited = [];
  try {
    // Pages of one theme are audited a few at a time (see forEachAtOnce). Themes run one after
    // the other, because both write the theme into the context's shared localStorage.
    for (const theme of ["light", "dark"]) {
      await forEachAtOnce(pages, async (rel) => {
        const audit = await auditPage(browser.context, origin, rel, theme);
        violations.push(...audit.violations);
        audited.push(audit.run);
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
  const axeVersion = require("axe-core/package.json").version;
  return { axeVersion, audited, excluded: EXCLUDE, violations };
}

runMain(main);
