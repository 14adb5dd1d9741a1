/* SCORM tracking, in the package that `scenariosite scorm` writes. Talks to nothing
   but the learning platform's runtime API (SCORM 2004 `API_1484_11` or SCORM 1.2
   `API`, found by the standard walk up the parent frames and the opener's).

   Two roles, one file:
   - on the launch page (scorm.html, <html data-ss-scorm-launch>) it holds the one
     platform session a SCO may have: Initialize, restore the learner's progress from
     suspend_data, show the site in a frame, and on leave: session time, exit=suspend,
     Commit, Terminate. Without a platform it only shows the site;
   - on the site's pages it hands each page the learner sees (the `ss:page` event of
     scenariosite.js) to that session, which reports choices, completion, success and
     score. Without a session (a plain site, the zip opened from disk) it does nothing.

   suspend_data holds positions, not titles (format 1, documented in the engine's
   scorm/course_index.py; keep the two in step), so 50 scenarios fit in SCORM 1.2. */
(function () {
  "use strict";
  var FORMAT = "1", RATINGS = { good: "g", mixed: "m", bad: "b" }, LIMITS = { "1.2": 4096, "2004": 64000 };
  var WALK_MAX = 500;  // frames to climb at most, as the ADL discovery algorithm does

  /* --- suspend_data <-> the progress scenariosite.js keeps in localStorage --- */

  function positionOf(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i][0] === id) return i;
    return -1;
  }

  // progress: {scenario: {endings: {id: {t, r}}, path: [{s, c, t, x, r}]}}; firsts: {scenario: rating}
  function encode(course, progress, firsts, withPaths) {
    var runs = [];
    course.scenarios.forEach(function (scenario) {
      var run = progress[scenario.id] || {}, endings = [], path = [];
      scenario.endings.forEach(function (ending, i) {
        if (run.endings && run.endings[ending[0]]) endings.push(i.toString(36));
      });
      var entries = withPaths && run.path ? run.path : [];
      for (var i = 0; i < entries.length; i++) {
        var s = positionOf(scenario.steps, entries[i].s);
        var c = s < 0 ? -1 : positionOf(scenario.steps[s][3], entries[i].c);
        if (c < 0) break;  // a step or choice this version of the course no longer has
        path.push(s.toString(36) + "." + c.toString(36));
      }
      var first = RATINGS[firsts[scenario.id]] || "";
      if (endings.length || path.length || first) {
        runs.push([scenario.id, endings.join("."), first, path.join(",")].join(":"));
      }
    });
    return FORMAT + "|" + runs.join(";");
  }

  function decode(course, text) {
    var progress = {}, firsts = {}, byId = {}, words = { g: "good", m: "mixed", b: "bad" };
    course.scenarios.forEach(function (scenario) { byId[scenario.id] = scenario; });
    var parts = String(text || "").split("|");
    if (parts[0] !== FORMAT || parts.length !== 2 || !parts[1]) return { progress: progress, firsts: firsts };
    parts[1].split(";").forEach(function (field) {
      var bits = field.split(":"), scenario = byId[bits[0]];
      if (!scenario || bits.length !== 4) return;
      var run = { endings: {}, path: [] };
      bits[1].split(".").forEach(function (code) {
        var ending = code && scenario.endings[parseInt(code, 36)];
        if (ending) run.endings[ending[0]] = { t: ending[1], r: ending[2] };
      });
      var entries = bits[3] ? bits[3].split(",") : [];
      for (var i = 0; i < entries.length; i++) {
        var pair = entries[i].split("."), step = scenario.steps[parseInt(pair[0], 36)];
        var choice = step && step[3][parseInt(pair[1], 36)];
        if (!choice) break;
        run.path.push({ s: step[0], c: choice[0], t: step[1], x: choice[1], r: choice[2] });
      }
      if (words[bits[2]]) firsts[scenario.id] = words[bits[2]];
      progress[scenario.id] = run;
    });
    return { progress: progress, firsts: firsts };
  }

  window.ssScormCodec = { encode: encode, decode: decode };  // for tests

  /* --- the platform's API --- */

  function findIn(start, name) {
    var win = start;
    for (var i = 0; win && i < WALK_MAX; i++) {
      try { if (win[name]) return win[name]; } catch (e) { return null; }  // another origin: stop
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  // This window and its parents, then the window that opened it (a platform that
  // launches the course in a new window) and that of the top frame.
  function findApi() {
    var names = [["API_1484_11", "2004"], ["API", "1.2"]], openers = [];
    try { openers = [window.opener, window.top.opener]; } catch (e) { /* another origin */ }
    for (var i = 0; i < names.length; i++) {
      var api = findIn(window, names[i][0]);
      for (var j = 0; !api && j < openers.length; j++) if (openers[j]) api = findIn(openers[j], names[i][0]);
      if (api) return { api: api, version: names[i][1] };
    }
    return null;
  }

  // The data model names of each version.
  var MODEL = {
    "2004": {
      initialize: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", terminate: "Terminate",
      error: "GetLastError", already: "103", entry: "cmi.entry", location: "cmi.location",
      exit: "cmi.exit", sessionTime: "cmi.session_time", raw: "cmi.score.raw", wrong: "incorrect"
    },
    "1.2": {
      initialize: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      terminate: "LMSFinish", error: "LMSGetLastError", already: "101", entry: "cmi.core.entry",
      location: "cmi.core.lesson_location", exit: "cmi.core.exit", sessionTime: "cmi.core.session_time",
      raw: "cmi.core.score.raw", wrong: "wrong"
    }
  };

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function sessionTime(version, ms) {
    var s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    s %= 60;
    return version === "2004" ? "PT" + h + "H" + m + "M" + s + "S" : pad(h) + ":" + pad(m) + ":" + pad(s);
  }

  function clock(date) { return pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()); }

  function timestamp(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T" + clock(date);
  }

  /* --- the launch page: one platform session around the whole site --- */

  function Session(found, course, base) {
    this.api = found.api;
    this.version = found.version;
    this.model = MODEL[found.version];
    this.course = course;
    this.base = base;  // the package root, to store page addresses relative to it
    this.started = Date.now();
    this.firsts = {};
    this.last = null;
    this.count = 0;
    this.done = false;
    this.settings = course.settings || {};
  }

  Session.prototype.call = function (name, a, b) {
    try { return String(this.api[this.model[name]].apply(this.api, b === undefined ? [a] : [a, b])); }
    catch (e) { return ""; }
  };
  Session.prototype.get = function (element) { return this.call("get", element); };
  Session.prototype.set = function (element, value) { return this.call("set", element, String(value)); };

  Session.prototype.open = function () {
    var ok = this.call("initialize", "") === "true" || this.call("error") === this.model.already;
    if (!ok) return false;
    if (this.version === "2004") {
      var completion = this.get("cmi.completion_status");
      if (completion === "unknown" || completion === "not attempted" || !completion) this.set("cmi.completion_status", "incomplete");
    } else if (this.get("cmi.core.lesson_status") === "not attempted") {
      this.set("cmi.core.lesson_status", "incomplete");
    }
    this.count = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    return true;
  };

  // The platform's copy wins over this browser's: it belongs to this learner (this
  // computer may be shared) and it follows them from device to device.
  Session.prototype.restore = function (storageKey) {
    var restored = decode(this.course, this.get("cmi.suspend_data"));
    this.firsts = restored.firsts;
    try { localStorage.setItem(storageKey, JSON.stringify(restored.progress)); } catch (e) { /* private mode */ }
    var where = this.get(this.model.location);
    return /^[a-z0-9][\w\-.\/]*\.html(#[\w\-]*)?$/i.test(where) && where.indexOf("..") < 0 ? where : null;
  };

  Session.prototype.passMark = function () {
    var own = Number(this.settings.passMark);
    var platform = this.version === "2004" ? parseFloat(this.get("cmi.scaled_passing_score"))
      : parseFloat(this.get("cmi.student_data.mastery_score")) / 100;
    return isFinite(platform) && platform >= 0 && platform <= 1 ? platform : isFinite(own) ? own : 0.8;
  };

  // A choice: a consequence page right after the decision page of the same step
  // (not a reload, not a visit from search or the back button).
  Session.prototype.interaction = function (page) {
    var scenario = this.scenario(page.ssScenario);
    var at = scenario ? positionOf(scenario.steps, page.ssStep) : -1;
    if (at < 0) return;
    var step = scenario.steps[at], chosen = positionOf(step[3], page.ssChoice);
    if (chosen < 0) return;
    var result = step[2] < 0 ? "neutral" : step[2] === chosen ? "correct" : this.model.wrong;
    var n = "cmi.interactions." + this.count + ".", now = new Date();
    this.set(n + "id", "urn:scenariosite:" + scenario.id + ":" + step[0]);
    this.set(n + "type", "choice");
    if (this.version === "2004") {
      this.set(n + "timestamp", timestamp(now));
      this.set(n + "description", ("{lang=" + (this.settings.language || "en") + "}" + step[1] + ": " + step[3][chosen][1]).slice(0, 250));
      this.set(n + "learner_response", step[3][chosen][0]);
    } else {
      this.set(n + "time", clock(now));
      this.set(n + "student_response", step[3][chosen][0]);
    }
    if (step[2] >= 0) this.set(n + "correct_responses.0.pattern", step[3][step[2]][0]);
    this.set(n + "result", result);
    this.count++;
  };

  Session.prototype.scenario = function (id) {
    for (var i = 0; i < this.course.scenarios.length; i++) if (this.course.scenarios[i].id === id) return this.course.scenarios[i];
    return null;
  };

  // Completion: `completion` scenarios (all when 0) reached an ending. Score: the share
  // of scenarios whose first attempt ended good, counting those still to play as not
  // good, so it only rises; success once complete, against the pass mark.
  Session.prototype.report = function () {
    var total = this.course.scenarios.length, wanted = Number(this.settings.completion) || total;
    var need = Math.max(1, Math.min(wanted, total)), played = 0, good = 0, firsts = this.firsts;
    Object.keys(firsts).forEach(function (id) { played++; if (firsts[id] === "good") good++; });
    if (!played) return;
    var complete = played >= need, scaled = good / Math.max(played, need), passed = scaled >= this.passMark();
    this.set(this.model.raw, Math.round(scaled * 100));
    if (this.version === "2004") {
      this.set("cmi.score.min", 0);
      this.set("cmi.score.max", 100);
      this.set("cmi.score.scaled", Math.round(scaled * 10000) / 10000);
      this.set("cmi.progress_measure", Math.round(Math.min(1, played / need) * 10000) / 10000);
      this.set("cmi.completion_status", complete ? "completed" : "incomplete");
      this.set("cmi.success_status", complete ? (passed ? "passed" : "failed") : "unknown");
    } else {
      this.set("cmi.core.score.min", 0);
      this.set("cmi.core.score.max", 100);
      this.set("cmi.core.lesson_status", complete ? (passed ? "passed" : "failed") : "incomplete");
    }
  };

  // Called by each page of the site (ss:page), with the progress after it was recorded.
  Session.prototype.page = function (page, progress, href) {
    if (this.done) return;
    var last = this.last;
    if (page.ssKind === "consequence" && last && last.kind === "decision" && last.scenario === page.ssScenario && last.step === page.ssStep) {
      this.interaction(page);
    }
    if (page.ssKind === "ending" && page.ssScenario && !this.firsts[page.ssScenario] && RATINGS[page.ssRating]) {
      this.firsts[page.ssScenario] = page.ssRating;
    }
    this.last = { kind: page.ssKind, scenario: page.ssScenario, step: page.ssStep };
    if (href.indexOf(this.base) === 0) this.set(this.model.location, href.slice(this.base.length).split("?")[0].slice(0, 255));
    var data = encode(this.course, progress, this.firsts, true);
    if (data.length > LIMITS[this.version]) data = encode(this.course, progress, this.firsts, false);
    this.set("cmi.suspend_data", data);
    this.report();
    this.call("commit", "");
  };

  Session.prototype.close = function () {
    if (this.done) return;
    this.done = true;
    this.set(this.model.sessionTime, sessionTime(this.version, Date.now() - this.started));
    this.set(this.model.exit, "suspend");  // keep suspend_data: the learner may come back
    this.call("commit", "");
    this.call("terminate", "");
  };

  function launch() {
    var course = window.ssScormCourse, found = course && findApi(), start = "index.html", session = null;
    var base = new URL(".", location.href);
    if (found) {
      session = new Session(found, course, base.href);
      if (session.open()) {
        // The key Material's __md_set uses for scenariosite.js's progress on these pages.
        start = session.restore(base.pathname + ".ss.progress") || start;
        window.ssScormSession = session;
        var close = function () { session.close(); };
        window.addEventListener("pagehide", close);
        window.addEventListener("beforeunload", close);
      }
    }
    var show = function () { document.getElementById("ss-scorm-frame").src = start; };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
    else show();
  }

  /* --- a page of the site: report to the launch page's session, if there is one --- */

  function findSession() {
    var win = window;
    for (var i = 0; i < WALK_MAX && win.parent !== win; i++) {
      win = win.parent;
      try { if (win.ssScormSession) return win.ssScormSession; } catch (e) { return null; }
    }
    return null;
  }

  function page() {
    var session = findSession();
    if (!session) return;
    document.addEventListener("ss:page", function (event) {
      try {
        // A copy: the session lives in the launch page, longer than this page's objects.
        var detail = JSON.parse(JSON.stringify(event.detail));
        session.page(detail.page, detail.progress, location.href);
      } catch (e) { /* tracking never breaks the course */ }
    });
  }

  if (document.documentElement.hasAttribute("data-ss-scorm-launch")) launch();
  else page();
})();
