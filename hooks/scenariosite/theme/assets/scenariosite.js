/* The learner's and the trainer's experience: progress and the path taken (kept in
   this browser's localStorage, sent nowhere), presenter mode, vote-then-reveal and
   the keys. Every page works without this file: it only adds to plain links.
   Runs on each page Material shows (document$), with instant navigation on or off. */
(function () {
  "use strict";
  var root = document.documentElement;
  var PROGRESS = "ss.progress", PRESENTER = "ss.presenter";
  var ui = {}, page = {}, revealed = false, first = true, resizing = false;

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

  /* The path taken, each decision next to the recommended choice where the ending
     page carries it (hidden [data-ss-route-step] data: its text and the coach's
     feedback), and the reaction profile of the choices made. */
  function showPath(all) {
    var box = $("[data-ss-path]"), run = all[page.ssScenario];
    if (!box || !run || !run.path.length) return;
    var list = $(".ss-path__list", box), counts = {}, missing = 0, best = {};
    $$("[data-ss-route-step]", box).forEach(function (node) { best[node.dataset.ssRouteStep] = node; });
    list.textContent = "";
    run.path.forEach(function (entry) {
      var item = el("li"), mine = el("div"), link = el("a", text("try_other")), url = stepUrl(entry.s);
      var route = best[entry.s], same = route && route.dataset.ssRouteChoice === entry.c;
      item.className = "ss-path__item" + (route && !same ? " ss-path__item--differs" : "");
      item.appendChild(el("strong", entry.t));
      mine.className = "ss-path__mine";
      if (route) mine.appendChild(label(text("your_choice")));
      mine.appendChild(el("p", entry.x));
      if (same) mine.appendChild(el("p", text("compare_same"))).className = "ss-path__same";
      if (url) {
        link.href = url;
        link.className = "ss-try";
        var where = el("span", " " + text("try_other_at") + " " + entry.t);  // unique link names for screen readers
        where.className = "ss-sr-only";
        link.appendChild(where);
        mine.appendChild(link);
      }
      item.appendChild(mine);
      if (route && !same) item.appendChild(recommended(route));
      list.appendChild(item);
      if (entry.r) counts[entry.r] = (counts[entry.r] || 0) + 1;
      else missing++;
    });
    $$("[data-ss-count]", box).forEach(function (count) {
      var n = counts[count.dataset.ssCount] || 0;
      count.textContent = n === 1 ? text("times_one") : text("times", { n: n });
    });
    // The profile counts only choices that carry a reaction: say how many it leaves out.
    var note = $("[data-ss-missing]", box), total = run.path.length;
    if (note) {
      note.textContent = missing === 1 ? text("profile_missing_one", { total: total }) : text("profile_missing", { n: missing, total: total });
      show(note, missing > 0);
    }
    show(box, true);
  }

  function label(content) {
    var node = el("p", content);
    node.className = "ss-path__label";
    return node;
  }

  function recommended(route) {
    var column = el("div"), coach = el("div");
    column.className = "ss-path__best";
    column.appendChild(label(text("compare_recommended")));
    column.appendChild(el("p", route.dataset.ssRouteText));
    coach.className = "ss-path__coach";
    coach.appendChild(label(text("coach")));
    Array.prototype.forEach.call(route.children, function (child) {
      var copy = child.cloneNode(true);
      copy.removeAttribute("id");
      coach.appendChild(copy);
    });
    column.appendChild(coach);
    return column;
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
    var hide = on && page.ssKind === "consequence" && !revealed;
    show($("[data-ss-reveal]"), !hide);
    show($(".ss-reveal-action"), hide);
    show($("[data-ss-role=next]"), !hide || page.ssKind !== "consequence");
    fitScreen();
  }

  /* Presenter mode fits the screen. The text first shrinks a little (to FIT_MIN of its
     size); what still does not fit scrolls in its own box (the situation of a
     decision, the revealed consequence) under a "more" cue. The box never shows part
     of a line: a mask hides any line its edges cut, and the clicker keys scroll the
     next hidden line to the top before they turn the page. */
  var FIT_MIN = 0.8, FIT_STEP = 0.05;

  function scrollBox() {
    if (!presenting()) return null;
    if (page.ssKind === "decision") return $(".ss-situation");
    if (page.ssKind === "consequence" && revealed) return $("[data-ss-reveal]");
    return null;
  }

  function overflows(inner, box) {
    return box.scrollHeight > box.clientHeight + 1 || inner.scrollHeight > inner.clientHeight + 1;
  }

  function fitScreen() {
    var inner = $(".md-content__inner");
    $$(".ss-more").forEach(function (cue) { cue.remove(); });
    $$(".ss-scrolls").forEach(function (old) {
      old.classList.remove("ss-scrolls");
      old.removeAttribute("tabindex");
    });
    if (!inner) return;
    inner.style.removeProperty("--ss-fit");
    var box = scrollBox();
    if (!box) return;
    box.scrollTop = 0;
    for (var fit = 1; overflows(inner, box) && fit > FIT_MIN + 0.001;) {
      fit = Math.max(FIT_MIN, fit - FIT_STEP);
      inner.style.setProperty("--ss-fit", String(fit));
    }
    if (box.scrollHeight <= box.clientHeight + 1) return;
    box.classList.add("ss-scrolls");
    box.setAttribute("tabindex", "0");  // a scrolling region must be reachable by keyboard
    var cue = el("p", text("more"));
    cue.className = "ss-more";
    cue.setAttribute("aria-hidden", "true");  // the text itself is all there for screen readers
    box.parentNode.insertBefore(cue, box.nextSibling);
    box.onscroll = function () { maskCutLines(box, cue); };
    maskCutLines(box, cue);
  }

  function lineBoxes(box) {
    var rects = [], range = document.createRange(), walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) {
      if (!node.textContent.trim()) continue;
      range.selectNodeContents(node);
      Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.height > 0) rects.push(r); });
    }
    return rects;
  }

  // Mask the part of a line the box's top or bottom edge cuts; show the cue while text is left below.
  function maskCutLines(box, cue) {
    var view = box.getBoundingClientRect(), top = 0, bottom = 0;
    lineBoxes(box).forEach(function (r) {
      if (r.top < view.top && r.bottom > view.top) top = Math.max(top, r.bottom - view.top);
      if (r.top < view.bottom && r.bottom > view.bottom) bottom = Math.max(bottom, view.bottom - r.top);
    });
    box.style.setProperty("--ss-cut-top", top + "px");
    box.style.setProperty("--ss-cut-bottom", bottom + "px");
    cue.classList.toggle("ss-more--done", box.scrollTop >= box.scrollHeight - box.clientHeight - 1);
  }

  // One clicker step down the box: the first line not wholly shown comes to the top.
  function scrollOn() {
    var box = scrollBox();
    if (!box || !box.classList.contains("ss-scrolls")) return false;
    var max = box.scrollHeight - box.clientHeight;
    if (box.scrollTop >= max - 1) return false;
    var view = box.getBoundingClientRect(), cut = parseFloat(box.style.getPropertyValue("--ss-cut-bottom")) || 0;
    var next = null;
    lineBoxes(box).forEach(function (r) {
      if (r.bottom > view.bottom - cut + 0.5 && (next === null || r.top < next)) next = r.top;
    });
    box.scrollTop = next === null ? max : Math.min(max, box.scrollTop + next - view.top);
    maskCutLines(box, $(".ss-more"));
    return true;
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
    if (scrollOn()) return true;
    return page.ssKind === "consequence" || page.ssKind === "scenario" ? follow("next") : false;
  }

  // The first decision has no "previous decision": back is the scenario's start page.
  function backward() { return follow("back") || (page.ssKind === "decision" && follow("restart")); }

  // A key typed into a text field is text, also inside a shadow DOM (Zensical's search
  // box): there event.target is the shadow host, so look along the event's whole path.
  function typing(event) {
    var path = event.composedPath ? event.composedPath() : [event.target];
    return path.some(function (node) {
      return node.nodeType === 1 && (/^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName) || node.isContentEditable);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target, key = event.key, done = false;
    if (typing(event)) return;
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
    else if (key === "ArrowLeft" || (paging && key === "PageUp")) done = backward();
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
    if (!resizing) {
      resizing = true;
      window.addEventListener("resize", function () { if (presenting()) fitScreen(); });
    }
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
