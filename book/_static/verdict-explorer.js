// The verdict explorer on chapter 10: readers pick each judgement call and
// see the answer the book's rule gives. The rule is applied here, in the
// browser, to the components the build computed (an inline JSON block
// written by asian_nato.verdict_report.explorer_html); nothing is fetched.
// It mirrors asian_nato.answer.verdict test for test, and the browser tests
// check that the two agree.
"use strict";

(function () {
  function keyOf(dimensions, choice) {
    return dimensions.map((d) => choice[d]).join("|");
  }

  function applyRule(data, choice) {
    const w = data.factors.willingness;
    const [counted, nYes, nNo, usClass, momentum] = w.table[keyOf(w.keys, choice)];
    const percentile = data.factors.percentile.table[keyOf(data.factors.percentile.keys, choice)];
    const capability = data.factors.capability.table[keyOf(data.factors.capability.keys, choice)];
    const r = data.reasons;
    const rising = momentum !== null && momentum > data.rise_above;
    let answer;
    let reason;
    if (usClass === "no") [answer, reason] = ["no", r.us_no];
    else if (counted && 2 * nNo > counted) [answer, reason] = ["no", r.majority_no];
    else if (capability < 1) [answer, reason] = ["no", r.outspent];
    else if (counted && 2 * nYes > counted && percentile >= data.top_quarter) [answer, reason] = ["yes", r.majority_yes];
    else if (nYes > 0) [answer, reason] = ["not now", r.some_yes];
    else if (rising) [answer, reason] = ["not now", r.rising];
    else [answer, reason] = ["no", r.nothing];
    reason = reason.replace("{period}", data.periods[choice.momentum]);
    return { answer, reason, counted, nYes, nNo, usClass, momentum, percentile, capability };
  }

  function show(form, result) {
    const values = {
      answer: result.answer,
      reason: result.reason,
      counted: String(result.counted),
      yes: String(result.nYes),
      no: String(result.nNo),
      us: result.usClass,
      momentum: result.momentum === null ? "not measurable" : (result.momentum >= 0 ? "+" : "\u2212") + Math.abs(result.momentum).toFixed(2),
      percentile: result.percentile.toFixed(0),
      capability: result.capability.toFixed(2),
    };
    Object.entries(values).forEach(([name, text]) => {
      form.querySelectorAll(`[data-ve="${name}"]`).forEach((el) => { el.textContent = text; });
    });
    form.dataset.answer = result.answer;
  }

  function start(form) {
    const data = JSON.parse(document.getElementById(form.dataset.source).textContent);
    const update = () => {
      const choice = {};
      data.dimensions.forEach((d) => { choice[d] = form.elements[d].value; });
      show(form, applyRule(data, choice));
    };
    form.addEventListener("change", update);
    form.addEventListener("reset", () => window.setTimeout(update, 0));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.hidden = false;
    update();
    form.dataset.ready = "yes";
  }

  function init() {
    document.querySelectorAll("form.verdict-explorer").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
