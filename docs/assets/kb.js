/* Copy buttons for citations and permalinks; no network, no dependency. */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-kb-copy]");
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-kb-copy"));
  if (!source) return;
  var text = source.value !== undefined ? source.value : source.textContent.trim();
  var done = function () {
    var label = button.textContent;
    button.textContent = button.getAttribute("data-kb-copied") || label;
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () {});
  } else {
    var area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); done(); } finally { area.remove(); }
  }
});

/* Material's hidden toggles (menu drawer, search) carry no autocomplete="off" here (not valid
   HTML on a checkbox): close them when the browser restores a page from its history. */
window.addEventListener("pageshow", function () {
  ["__drawer", "__search"].forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle) toggle.checked = false;
  });
});

/* Hosts serve the root 404.html (Arabic) for every missing address: a reader who asked for an
   English or French address goes on to the error page of that language, if the site has one. */
(function () {
  var box = document.querySelector("[data-kb-not-found]");
  if (!box || !window.fetch) return;
  var root = box.getAttribute("data-kb-root");
  var path = window.location.pathname;
  if (path.indexOf(root) !== 0) return;
  var rest = path.slice(root.length);
  var asked = null;
  JSON.parse(box.getAttribute("data-kb-not-found")).forEach(function (l) {
    if (rest.indexOf(l.prefix) === 0 && (!asked || l.prefix.length > asked.prefix.length)) asked = l;
  });
  if (!asked || asked.lang === document.documentElement.lang || asked.page === path) return;
  fetch(asked.page, { method: "HEAD" }).then(function (response) {
    if (response.ok) window.location.replace(asked.page);
  }, function () {});
})();
