/* The embedded page: its colours as the snippet asks (?theme=dark, or ?theme=auto to follow the
   visitor's setting; light otherwise), and its height, told to the host page whenever it changes. */
(function () {
  "use strict";
  var root = document.documentElement;
  var asked = new URLSearchParams(window.location.search).get("theme");
  if (asked === "dark") {
    root.setAttribute("data-theme", "dark");
  } else if (asked === "auto" && window.matchMedia) {
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    var follow = function () { root.setAttribute("data-theme", dark.matches ? "dark" : "light"); };
    follow();
    if (dark.addEventListener) dark.addEventListener("change", follow);
  }
  if (window.parent === window) return;
  function post() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    window.parent.postMessage({ type: "kb-embed-height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(root);
  window.addEventListener("DOMContentLoaded", post);
  window.addEventListener("load", post);
})();
