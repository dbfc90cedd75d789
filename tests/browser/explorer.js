// The verdict explorer works offline, by keyboard, and gives the answers the
// Python multiverse gives: for each case in <cases.json> (a list of
// {choice: {dimension: value}}), set the form's controls and read the answer
// and the inputs it shows.
//
// usage: node explorer.js <site dir> <page> <cases.json>
"use strict";

const fs = require("fs");
const path = require("path");
const { emptyProblems, launch, recordProblems, runMain, serve, settle } = require("./lib");

async function main() {
  const site = path.resolve(process.argv[2]);
  const rel = process.argv[3];
  const cases = JSON.parse(fs.readFileSync(process.argv[4], "utf-8"));
  const problems = emptyProblems();
  const { server, origin } = await serve(site);
  const browser = await launch({ blocked: problems.external });
  const result = { page: rel, results: [] };
  try {
    const page = await browser.context.newPage();
    recordProblems(page, rel, problems);
    await settle(page, `${origin}/${rel}`);
    const form = page.locator("form.verdict-explorer");
    result.forms = await form.count();
    if (result.forms !== 1) return { ...result, ...problems };
    await page.waitForFunction(() => document.querySelector("form.verdict-explorer").dataset.ready === "yes", null, { timeout: 10000 });
    result.visible = await form.isVisible();
    const read = async () => ({
      answer: await form.getAttribute("data-answer"),
      shown: (await form.locator('[data-ve="answer"]').first().innerText()).trim(),
      reason: (await form.locator('[data-ve="reason"]').first().innerText()).trim(),
      yes: (await form.locator('[data-ve="yes"]').first().innerText()).trim(),
      no: (await form.locator('[data-ve="no"]').first().innerText()).trim(),
      counted: (await form.locator('[data-ve="counted"]').first().innerText()).trim(),
    });
    result.initial = await read();
    for (const c of cases) {
      for (const [dimension, value] of Object.entries(c.choice)) {
        await form.locator(`select[name="${dimension}"]`).selectOption(String(value));
      }
      result.results.push(await read());
    }

    // keyboard: Tab walks through every control in order, and arrow keys change a choice
    await form.locator("button[type=reset]").click();
    await page.waitForTimeout(50);
    result.afterReset = await read();
    const first = form.locator("select").first();
    await first.focus();
    const order = [await page.evaluate(() => document.activeElement.name || document.activeElement.type)];
    const controls = await form.locator("select, button").count();
    for (let i = 1; i < controls; i += 1) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement.name || document.activeElement.type));
    }
    result.tabOrder = order;
    await first.focus();
    const before = await first.inputValue();
    await page.keyboard.press("ArrowDown");
    await page.waitForTimeout(50);
    result.keyboardChanged = (await first.inputValue()) !== before;
    result.liveRegion = await form.locator('[aria-live="polite"]').count();
    await page.close();
  } finally {
    await browser.close();
    server.close();
  }
  return { ...result, ...problems };
}

runMain(main);
