/* Tells the host page how tall the embedded content is, whenever that changes. */
(function () {
  "use strict";
  if (window.parent === window) return;
  function post() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: "kb-embed-height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.documentElement);
  window.addEventListener("load", post);
  post();
})();
