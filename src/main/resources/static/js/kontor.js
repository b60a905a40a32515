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
    else if (e.key === "d" && document.getElementById("draft-reply")) { setMode("reply"); document.getElementById("draft-reply").click(); e.preventDefault(); }
  });

  // Answers in the composer: "/" at the start of a word opens the template search; Enter previews the first
  // match; Insert puts the filled text where the "/" was. A macro's prepared reply is inserted at once.
  var slashAt = -1;
  var pickPending = false;
  function pickFirst() {
    pickPending = false;
    var first = document.querySelector("#template-results .template-choice");
    if (first) first.click();
  }
  function picker() { return document.getElementById("template-picker"); }
  function closePicker() {
    var p = picker();
    if (p) p.hidden = true;
  }
  function insertAnswer(text, keepPreview) {
    var box = document.getElementById("composer");
    if (!box) return;
    var start = slashAt >= 0 && box.value.charAt(slashAt) === "/" ? slashAt : box.selectionStart;
    var end = slashAt >= 0 && box.value.charAt(slashAt) === "/" ? slashAt + 1 : box.selectionEnd;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    slashAt = -1;
    closePicker();
    var preview = document.getElementById("template-preview");
    if (preview && !keepPreview) {
      // What the agent still has to fill in stays in sight until the reply is sent.
      var missing = preview.querySelector(".missing-placeholders");
      preview.innerHTML = missing ? missing.outerHTML : "";
    }
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
  }
  document.addEventListener("input", function (e) {
    if (e.target.id !== "composer" || e.inputType !== "insertText" || e.data !== "/") return;
    var box = e.target;
    var at = box.selectionStart - 1;
    var before = at > 0 ? box.value.charAt(at - 1) : "";
    if (at === 0 || /\s/.test(before)) {
      var p = picker();
      if (!p) return;
      slashAt = at;
      p.hidden = false;
      var search = document.getElementById("template-search");
      search.value = "";
      search.focus();
      if (window.htmx) window.htmx.trigger(search, "search");
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.target.id !== "template-search") return;
    if (e.key === "Escape") {
      closePicker();
      var box = document.getElementById("composer");
      if (box) box.focus();
      e.preventDefault();
    } else if (e.key === "Enter") {
      // The list may still show an earlier query's matches: pick the first once this query's list is in.
      var shown = document.querySelector("#template-results [data-q]");
      if (shown && shown.dataset.q === e.target.value) pickFirst();
      else pickPending = true;
      e.preventDefault();
    }
  });
  document.addEventListener("click", function (e) {
    var insert = e.target.closest && e.target.closest("#template-insert");
    if (insert) insertAnswer(insert.dataset.text);
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var target = e.detail.target;
    if (target && target.id === "template-results" && pickPending) {
      var shown = target.querySelector("[data-q]");
      var search = document.getElementById("template-search");
      if (shown && search && shown.dataset.q === search.value) pickFirst();
      return;
    }
    if (!target || target.id !== "template-preview") return;
    var ready = target.querySelector("[data-autoinsert] #template-insert");
    if (ready) {
      slashAt = -1;
      insertAnswer(ready.dataset.text, true);
      ready.remove();
      return;
    }
    var insert = target.querySelector("#template-insert");
    if (insert) insert.focus();
  });

  // "Draft reply": the draft's text goes into the composer (after what the agent already typed), never out.
  document.addEventListener("htmx:afterSwap", function (e) {
    if (!e.detail.target || e.detail.target.id !== "draft-panel") return;
    var holder = document.getElementById("draft-text");
    var box = document.getElementById("composer");
    if (!holder || !box || !holder.dataset.text) return;
    box.value = box.value.trim() ? box.value.replace(/\s+$/, "") + "\n\n" + holder.dataset.text : holder.dataset.text;
    box.focus();
  });

  // Knowledge panel: "h" searches it; "insert link" and "insert excerpt" put their text at the composer's cursor.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "h" || typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    var q = document.getElementById("knowledge-q");
    if (!q) return;
    var panel = document.getElementById("knowledge-panel");
    if (panel) panel.open = true;
    q.focus();
    e.preventDefault();
  });
  document.addEventListener("keydown", function (e) {
    if (e.target.id !== "knowledge-q") return;
    if (e.key === "Escape") {
      var box = document.getElementById("composer");
      if (box) box.focus();
      e.preventDefault();
    } else if (e.key === "Enter" || e.key === "ArrowDown") {
      var first = document.querySelector("#knowledge-results .knowledge-insert");
      if (first) first.focus();
      e.preventDefault();
    }
  });
  document.addEventListener("click", function (e) {
    var insert = e.target.closest && e.target.closest(".knowledge-insert");
    if (!insert) return;
    var box = document.getElementById("composer");
    if (!box) return;
    var text = insert.dataset.text;
    var start = box.selectionStart, end = box.selectionEnd;
    var before = box.value.slice(0, start);
    var gap = before && !/\s$/.test(before) ? (text.indexOf("\n") >= 0 ? "\n\n" : " ") : "";
    box.value = before + gap + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + gap.length + text.length;
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.body.addEventListener("kontor:sent", function () {
      var form = document.getElementById("reply-form");
      if (form) { form.reset(); setMode("reply"); document.getElementById("composer").blur(); }
      var preview = document.getElementById("translation-preview");
      if (preview) preview.innerHTML = "";
      var answer = document.getElementById("template-preview");
      if (answer) answer.innerHTML = "";
      var draft = document.getElementById("draft-panel");
      if (draft) draft.innerHTML = "";
    });
    selected = -1;
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "rows") selected = -1;
  });
})();
