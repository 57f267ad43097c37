// plancheck web page: drag-and-drop onto the drop zone, the list of chosen files, print button.
// The page works without this script (plain form upload); no page content is ever run as code.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var form = document.getElementById("upload");
    if (!form) { return; }
    var drop = document.getElementById("drop");
    var files = document.getElementById("files");
    var folder = document.getElementById("folder");
    var chosen = document.getElementById("chosen");
    function show() {
      chosen.textContent = "";
      [files, folder].forEach(function (input) {
        Array.prototype.forEach.call(input.files, function (file) {
          var li = document.createElement("li");
          li.textContent = (file.webkitRelativePath || file.name) + "（" + Math.max(1, Math.round(file.size / 1024)) + " KB）";
          chosen.appendChild(li);
        });
      });
    }
    files.addEventListener("change", function () { folder.value = ""; show(); });
    folder.addEventListener("change", function () { files.value = ""; show(); });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (event) {
      if (event.dataTransfer && event.dataTransfer.files.length) {
        files.files = event.dataTransfer.files;
        folder.value = "";
        show();
      }
    });
    form.addEventListener("submit", function (event) {
      if (!files.files.length && !folder.files.length) {
        event.preventDefault();
        chosen.textContent = "";
        var li = document.createElement("li");
        li.textContent = "请先选择或拖入要检查的文件";
        li.className = "error";
        chosen.appendChild(li);
        return;
      }
      document.getElementById("submit").disabled = true;
      document.getElementById("busy").hidden = false;
    });
  });
})();
