/* The learner's and the trainer's experience: progress and the path taken (kept in
   this browser's localStorage, sent nowhere), presenter mode, vote-then-reveal and
   the keys. Every page works without this file: it only adds to plain links.
   Runs on each page Material shows (document$), with instant navigation on or off. */
(function () {
  "use strict";
  var root = document.documentElement;
  var PROGRESS = "ss.progress", PRESENTER = "ss.presenter";
  var ui = {}, page = {}, revealed = false, first = true;

  try { ui = JSON.parse(document.getElementById("ss-ui").textContent); } catch (e) { /* texts stay keys */ }

  // Material's localStorage helpers scope keys to this site; fall back to plain keys.
  function load(key, fallback) {
    try { return (window.__md_get ? __md_get(key) : JSON.parse(localStorage.getItem(key))) || fallback; }
    catch (e) { return fallback; }
  }
  function save(key, value) {
    try { window.__md_set ? __md_set(key, value) : localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  function text(key, vars) {
    return (ui[key] || key).replace(/\{(\w+)\}/g, function (_, name) { return vars[name]; });
  }
  function $(selector, scope) { return (scope || document).querySelector(selector); }
  function $$(selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); }
  function show(element, visible) { if (element) element.hidden = !visible; }
  function el(tag, content) {
    var node = document.createElement(tag);
    if (content) node.textContent = content;
    return node;
  }

  /* Progress: {scenario: {endings: {id: {t: title, r: rating}}, path: [{s, c, t, x, r}]}} */
  function record() {
    var all = load(PROGRESS, {}), id = page.ssScenario;
    if (!id) return all;
    var run = all[id] = all[id] || { endings: {}, path: [] };
    var step = page.ssStep, kind = page.ssKind;
    if (kind === "decision" || kind === "consequence") {
      // Coming back to a step (back, "try another choice", a reload) forgets what followed it.
      var at = run.path.map(function (entry) { return entry.s; }).indexOf(step);
      if (at >= 0) run.path.length = at;
      if (step === page.ssStart) run.path = [];
    }
    if (kind === "consequence") {
      run.path.push({ s: step, c: page.ssChoice, t: page.ssTitle, x: page.ssChoiceText, r: page.ssReaction });
    }
    if (kind === "ending") run.endings[page.ssEnding] = { t: page.ssTitle, r: page.ssRating };
    save(PROGRESS, all);
    return all;
  }

  // A step's decision page, next to the scenario's start page (the restart link), in
  // the same URL style as the site: ".../step/" or ".../step/index.html".
  function stepUrl(step) {
    var start = $("[data-ss-role=restart]");
    if (!start) return null;
    var file = /index\.html$/.test(start.href);
    return start.href.replace(/index\.html$/, "") + encodeURIComponent(step) + "/" + (file ? "index.html" : "");
  }

  function started(run) { return !!run && (run.path.length > 0 || Object.keys(run.endings).length > 0); }

  function showProgress(all) {
    var played = 0;
    $$("[data-ss-progress-line]").forEach(function (line) {
      var found = Object.keys((all[line.dataset.ssProgressLine] || {}).endings || {});
      if (found.length) played++;
      line.textContent = "✔ " + text("played") + " · " + text("endings_found", { found: found.length, total: line.dataset.ssEndings });
      show(line, found.length > 0);
    });
    $$("[data-ss-progress]").forEach(function (box) {
      var scope = box.dataset.ssProgress, message;
      if (scope === "*") {
        message = text("scenarios_played", { done: played, total: $$("[data-ss-progress-line]").length });
      } else {
        var endings = (all[scope] || {}).endings || {}, ids = Object.keys(endings);
        message = text("endings_found", { found: ids.length, total: box.dataset.ssEndings });
        if (ids.length) message += ". " + text("endings_found_list") + " " + ids.map(function (id) { return endings[id].t; }).join(", ");
      }
      $(".ss-progress__text", box).textContent = message;
      show($("[data-ss-role=reset]", box), scope === "*" ? Object.keys(all).some(function (id) { return started(all[id]); }) : started(all[scope]));
      show(box, true);
    });
  }

  function showPath(all) {
    var box = $("[data-ss-path]"), run = all[page.ssScenario];
    if (!box || !run || !run.path.length) return;
    var list = $(".ss-path__list", box), counts = {};
    list.textContent = "";
    run.path.forEach(function (entry) {
      var item = el("li"), link = el("a", text("try_other")), url = stepUrl(entry.s);
      item.appendChild(el("strong", entry.t));
      item.appendChild(document.createTextNode(": " + entry.x + " "));
      if (url) {
        link.href = url;
        link.className = "ss-try";
        var where = el("span", " " + text("try_other_at") + " " + entry.t);  // unique link names for screen readers
        where.className = "ss-sr-only";
        link.appendChild(where);
        item.appendChild(link);
      }
      list.appendChild(item);
      if (entry.r) counts[entry.r] = (counts[entry.r] || 0) + 1;
    });
    $$("[data-ss-count]", box).forEach(function (count) {
      var n = counts[count.dataset.ssCount] || 0;
      count.textContent = n === 1 ? text("times_one") : text("times", { n: n });
    });
    show(box, true);
  }

  // "Previous decision": the step before this one on the path the learner took.
  function pointBack(all) {
    var back = $("[data-ss-role=back]"), run = all[page.ssScenario];
    if (!back || !run || page.ssKind === "consequence") return;
    var last = run.path[run.path.length - 1];
    var url = last && last.s !== page.ssStep && stepUrl(last.s);
    if (url) back.href = url;
  }

  /* Presenter mode, and vote-then-reveal on consequence pages. */
  function presenting() { return root.hasAttribute("data-ss-presenter"); }

  function applyPresenter() {
    var on = presenting();
    $$("[data-ss-role=presenter]").forEach(function (button) { button.setAttribute("aria-pressed", String(on)); });
    // The situation scrolls on its own in presenter mode: make it reachable by keyboard.
    var situation = $(".ss-situation");
    if (situation) on ? situation.setAttribute("tabindex", "0") : situation.removeAttribute("tabindex");
    var hide = on && page.ssKind === "consequence" && !revealed;
    show($("[data-ss-reveal]"), !hide);
    show($(".ss-reveal-action"), hide);
    show($("[data-ss-role=next]"), !hide || page.ssKind !== "consequence");
  }

  function togglePresenter() {
    root.toggleAttribute("data-ss-presenter", !presenting());
    save(PRESENTER, presenting());
    applyPresenter();
  }

  function reveal() {
    revealed = true;
    applyPresenter();
    var next = $("[data-ss-role=next]");
    if (next) next.focus({ preventScroll: true });
  }

  function toggleHelp() {
    var dialog = document.getElementById("ss-help");
    if (!dialog) return;
    if (dialog.open) dialog.close();
    else if (dialog.showModal) dialog.showModal();
    else dialog.setAttribute("open", "");
  }

  function follow(role) {
    var link = $("[data-ss-role=" + role + "]:not([hidden])");
    if (link) link.click();
    return !!link;
  }

  function forward() {
    if (page.ssKind === "consequence" && presenting() && !revealed) { reveal(); return true; }
    return page.ssKind === "consequence" || page.ssKind === "scenario" ? follow("next") : false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target, key = event.key, done = false;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var dialog = document.getElementById("ss-help");
    if (dialog && dialog.open && key !== "?") return;
    // Space and PageDown/PageUp scroll a page in self-study; they turn pages only in presenter mode.
    var paging = presenting() && !(key === " " && target.closest && target.closest("button"));
    if (key === "?") { toggleHelp(); done = true; }
    else if (key === "b" || key === "B") { togglePresenter(); done = true; }
    else if (/^[1-9]$/.test(key) && page.ssKind === "decision") {
      var choice = $$(".ss-choice")[key - 1];
      if (choice) { choice.click(); done = true; }
    }
    else if (key === "ArrowRight" || (paging && (key === "PageDown" || key === " "))) done = forward();
    else if (key === "ArrowLeft" || (paging && key === "PageUp")) done = follow("back");
    if (done) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-ss-role]");
    if (!button) return;
    var role = button.dataset.ssRole;
    if (role === "presenter") togglePresenter();
    else if (role === "help") toggleHelp();
    else if (role === "reveal") reveal();
    else if (role === "restart" && page.ssScenario) {
      var all = load(PROGRESS, {});
      if (all[page.ssScenario]) { all[page.ssScenario].path = []; save(PROGRESS, all); }
    } else if (role === "reset") {
      var box = button.closest("[data-ss-progress]"), scope = box.dataset.ssProgress, kept = load(PROGRESS, {});
      if (scope === "*") kept = {}; else delete kept[scope];
      save(PROGRESS, kept);
      showProgress(kept);
      $(".ss-progress__status", box).textContent = text("reset_done");
      var after = $(".ss-progress__text", box);  // the button is gone: keep focus nearby
      after.setAttribute("tabindex", "-1");
      after.focus();
    }
  });

  function init() {
    var data = $(".ss-page");
    page = data ? data.dataset : {};
    revealed = false;
    root.setAttribute("data-ss-kind", page.ssKind || "");
    var all = record();
    // What page the learner sees and the progress after it: ss-scorm.js reports it to a learning platform.
    document.dispatchEvent(new CustomEvent("ss:page", { detail: { page: Object.assign({}, page), progress: all } }));
    showProgress(all);
    showPath(all);
    pointBack(all);
    $$(".ss-toolbar").forEach(function (bar) { show(bar, true); });
    applyPresenter();
    // After an instant navigation, start reading (and tabbing) at the new page's title.
    var title = $(".md-content h1");
    if (!first && title && !location.hash) {
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
    }
    first = false;
    if (data) data.setAttribute("data-ss-ready", "");  // for tests: this page is set up
  }

  if (window.document$ && document$.subscribe) document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
