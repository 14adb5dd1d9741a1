/* "Kopieer link" buttons: on the links page, and on scenario, client type and advice
 * step pages. Each button carries the page's permanent URL in data-ss-copy (absolute
 * when site_url is set; otherwise relative to the site root).
 *
 * The buttons are `hidden` in the HTML, because without JavaScript they would do
 * nothing; the URL itself stays visible (links page) or in the address bar. This
 * script shows them on every page view: through Material's document$ when instant
 * navigation is on, and once on load when it is not (offline copy, file://). */
(function () {
  "use strict";

  var FEEDBACK_MS = 2000;

  function siteRoot() {
    // Material's page config holds `base`: the relative path from this page to the site root.
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (error) {
        base = ".";
      }
    }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function absolute(value) {
    if (!value) return location.href.split("#")[0];
    if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
    return new URL(value.replace(/^\//, ""), siteRoot()).href;
  }

  function copyWithSelection(text) {
    // For browsers without the async clipboard (plain http on another host than localhost).
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyWithSelection(text);
      });
    }
    return copyWithSelection(text);
  }

  function status() {
    // One polite live region, so screen readers hear "Gekopieerd" without moving focus.
    var region = document.getElementById("ss-copy-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "ss-copy-status";
      region.className = "ss-copy-status";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    return region;
  }

  function confirm(button) {
    var label = button.getAttribute("data-ss-label") || button.textContent;
    var done = button.getAttribute("data-ss-copied") || label;
    button.setAttribute("data-ss-label", label);
    button.textContent = done;
    status().textContent = done;
    window.clearTimeout(Number(button.getAttribute("data-ss-timer")));
    var timer = window.setTimeout(function () {
      button.textContent = label;
      status().textContent = "";
    }, FEEDBACK_MS);
    button.setAttribute("data-ss-timer", String(timer));
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-ss-copy]") : null;
    if (!button) return;
    var url = absolute(button.getAttribute("data-ss-copy"));
    copy(url).then(
      function () {
        confirm(button);
      },
      function () {
        window.prompt(button.textContent, url); // the clipboard refused: let the reader copy it
      }
    );
  });

  function showButtons() {
    var buttons = document.querySelectorAll("button[data-ss-copy][hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(showButtons);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButtons);
  } else {
    showButtons();
  }
})();
