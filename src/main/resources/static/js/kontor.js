// Kontor's small client side: CSRF for htmx, keyboard navigation, the composer. No inline scripts (CSP).
(function () {
  "use strict";

  // Pages show times in the zone the browser is in: the server reads it from this cookie.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("kontor_tz=" + zone) < 0) {
      document.cookie = "kontor_tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (ignored) {
    // an old browser: times stay in UTC
  }

  document.addEventListener("htmx:configRequest", function (e) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      e.detail.headers[header.content] = token.content;
    }
  });

  function typing(target) {
    return target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
  }

  // Inbox: j/k move, Enter or o opens, / searches. Rows open on click too.
  var selected = -1;
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("table.tickets tr.ticket-row"));
  }
  function select(index) {
    var all = rows();
    if (all.length === 0) return;
    selected = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (r, i) { r.classList.toggle("selected", i === selected); });
    all[selected].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("click", function (e) {
    var row = e.target.closest && e.target.closest("tr.ticket-row");
    if (row && !e.target.closest("a") && row.dataset.href) {
      window.location.href = row.dataset.href;
    }
  });

  function setMode(mode) {
    var form = document.getElementById("reply-form");
    if (!form) return;
    var input = document.getElementById("composer-mode");
    var text = document.getElementById("composer");
    var send = document.getElementById("send");
    input.value = mode;
    form.classList.toggle("note-mode", mode === "note");
    form.querySelectorAll(".tab").forEach(function (t) { t.classList.toggle("active", t.dataset.mode === mode); });
    text.placeholder = mode === "note" ? text.dataset.notePlaceholder : text.dataset.replyPlaceholder;
    send.textContent = mode === "note" ? send.dataset.noteLabel : send.dataset.replyLabel;
    text.focus();
  }
  document.addEventListener("click", function (e) {
    var tab = e.target.closest && e.target.closest("#reply-form .tab");
    if (tab) setMode(tab.dataset.mode);
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.id === "composer") {
      e.preventDefault();
      var form = document.getElementById("reply-form");
      // Where the reply goes out translated, Ctrl+Enter previews first and sends only the checked translation.
      var translated = document.getElementById("send-translated");
      var preview = document.getElementById("translate-preview");
      var note = form.classList.contains("note-mode");
      if (!note && translated) { translated.click(); return; }
      if (!note && preview) { preview.click(); return; }
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") { select(selected + 1); e.preventDefault(); }
    else if (e.key === "k") { select(selected - 1); e.preventDefault(); }
    else if ((e.key === "Enter" || e.key === "o") && selected >= 0) {
      var r = rows()[selected];
      if (r) window.location.href = r.dataset.href;
    }
    else if (e.key === "/") { var s = document.getElementById("search"); if (s) { s.focus(); e.preventDefault(); } }
    else if (e.key === "r" && document.getElementById("reply-form")) { setMode("reply"); e.preventDefault(); }
    else if (e.key === "n" && document.getElementById("reply-form")) { setMode("note"); e.preventDefault(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.body.addEventListener("kontor:sent", function () {
      var form = document.getElementById("reply-form");
      if (form) { form.reset(); setMode("reply"); document.getElementById("composer").blur(); }
      var preview = document.getElementById("translation-preview");
      if (preview) preview.innerHTML = "";
    });
    selected = -1;
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "rows") selected = -1;
  });
})();
