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
