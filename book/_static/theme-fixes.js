/*
 * Small fixes to sphinx-book-theme / pydata-sphinx-theme markup that the
 * book's config cannot reach. Loaded in <head> through html_js_files, after
 * the theme's own inline script. tests/test_browser.py (axe-core and the
 * offline console check) fails if any of these problems comes back.
 */
(function () {
  "use strict";
  var root = document.documentElement;

  // 1. First visit: the theme leaves data-mode="" and data-theme="", so no
  //    colour theme applies until its deferred script runs, and that script
  //    logs "Got invalid theme mode". Start in the theme's "auto" mode
  //    (follow the system setting) right away.
  if (!root.dataset.mode) {
    root.dataset.mode = "auto";
  }
  if (root.dataset.theme !== "light" && root.dataset.theme !== "dark") {
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    root.dataset.theme = dark ? "dark" : "light";
  }

  // 2. Accessible names that match what is on screen (WCAG 2.5.3, axe
  //    "label-content-name-mismatch"), a landmark for the sidebar title, and
  //    list semantics for the references.
  function hideIcons(button) {
    button.querySelectorAll("svg, i").forEach(function (icon) {
      if (icon.getAttribute("aria-hidden") !== "true") icon.setAttribute("aria-hidden", "true");
      if (icon.hasAttribute("role")) icon.removeAttribute("role");
      if (icon.hasAttribute("aria-labelledby")) icon.removeAttribute("aria-labelledby");
      icon.querySelectorAll("title").forEach(function (title) { title.remove(); });
    });
  }

  function fixMarkup() {
    // The search field shows "Search  Ctrl+K" but is labelled just "Search":
    // let its visible text be its name.
    document.querySelectorAll(".search-button-field[aria-label]").forEach(function (button) {
      if (button.textContent.trim()) button.removeAttribute("aria-label");
    });
    // Icon buttons that carry their own aria-label (e.g. "Color mode"): the
    // icons inside are decoration; Font Awesome turns their titles into
    // visible-text names ("Light", "Dark", "System Settings") that contradict it.
    // Font Awesome swaps <i> for <svg> asynchronously, so watch each button.
    document.querySelectorAll("button[aria-label]").forEach(function (button) {
      if (!button.querySelector("svg, i") || button.dataset.iconsDecorative) return;
      button.dataset.iconsDecorative = "true";
      hideIcons(button);
      new MutationObserver(function () { hideIcons(button); })
        .observe(button, { childList: true, subtree: true });
    });
    // The book title at the top of the left sidebar sits outside any landmark
    // (axe "region"): it links to the start page, so call it navigation.
    document.querySelectorAll(".bd-sidebar-primary .sidebar-primary-item > .navbar-brand").forEach(function (brand) {
      var item = brand.parentElement;
      if (!item.closest("nav, header, main, footer, aside, [role]")) {
        item.setAttribute("role", "navigation");
        item.setAttribute("aria-label", "Book home");
      }
    });
    // docutils marks bibliography entries role="doc-biblioentry", a role ARIA
    // 1.3 deprecates and that is not a list item of their role="list" parent.
    document.querySelectorAll("[role='list'] > [role='doc-biblioentry']").forEach(function (entry) {
      entry.setAttribute("role", "listitem");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fixMarkup);
  } else {
    fixMarkup();
  }
})();
