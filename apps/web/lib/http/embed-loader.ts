import { EMBED_PATH } from "./security-headers";

/**
 * The widget's loader, served as /embed.js: a host page adds
 * `<script src="https://groundwork.example.com/embed.js" async></script>` and gets a launcher
 * button that opens Groundwork's /embed page in a frame. No token and no user data pass through
 * the host page: the frame is Groundwork's own origin, signed in with Groundwork's cookie.
 *
 * Plain ES2017 text, not a bundled module: no build step, and nothing the host page must load
 * first. Groundwork's origin comes from the script's own src, so the same file works behind any
 * proxy or hostname. Options are data attributes on the script tag: `data-label` (button text),
 * `data-position` (`left` or `right`), `data-open` (`true` opens the panel at load).
 */
export const EMBED_LOADER_JS = `/* Groundwork widget loader */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src || window.__groundworkWidget) return;
  window.__groundworkWidget = true;
  var origin = new URL(script.src, document.baseURI).origin;
  var label = script.getAttribute("data-label") || "Ask Groundwork";
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";
  var openAtLoad = script.getAttribute("data-open") === "true";
  var z = "2147483000";

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "groundwork-widget-panel");
  button.setAttribute("data-groundwork-launcher", "");
  button.style.cssText = "position:fixed;bottom:16px;" + side + ":16px;z-index:" + z +
    ";font:600 14px/1.2 system-ui,sans-serif;padding:10px 16px;border-radius:999px;border:0;" +
    "background:#1f4fd1;color:#fff;box-shadow:0 2px 10px rgba(0,0,0,.25);cursor:pointer";

  var panel = null;
  function createPanel() {
    panel = document.createElement("div");
    panel.id = "groundwork-widget-panel";
    panel.style.cssText = "position:fixed;bottom:68px;" + side + ":16px;z-index:" + z +
      ";width:min(440px,calc(100vw - 32px));height:min(680px,calc(100vh - 96px));" +
      "border-radius:10px;overflow:hidden;box-shadow:0 6px 30px rgba(0,0,0,.3);background:#fff";
    var frame = document.createElement("iframe");
    frame.src = origin + ${JSON.stringify(EMBED_PATH)};
    frame.title = "Groundwork";
    // Copy buttons inside the widget write to the clipboard.
    frame.setAttribute("allow", "clipboard-write");
    // The frame may run as its own origin (its cookie, its API) and open windows (sign-in,
    // the document viewer), but never navigate or script the host page.
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
    frame.setAttribute("referrerpolicy", "origin");
    frame.style.cssText = "border:0;width:100%;height:100%;display:block";
    panel.appendChild(frame);
    document.body.appendChild(panel);
  }
  function setOpen(open) {
    if (open && !panel) createPanel();
    if (panel) panel.style.display = open ? "block" : "none";
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
  function mount() {
    document.body.appendChild(button);
    if (openAtLoad) setOpen(true);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
`;
