"""The constant CSS and script of html_view's page. Nothing here depends on the article: the
script reads only data-* attributes and writes text with textContent, never HTML."""

CSS = """
:root { --source: #c9defc; --source-edge: #2459a8; --cue: #ffd9a8; --cue-edge: #b25a12;
  --content: #fff3b8; --lit: #bdf0cf; --lit-edge: #23804a; --ink: #1d232b; --muted: #5d6875; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #f6f7f9; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 1.45rem; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 1rem; margin: 0 0 6px; }
h2 small { font-weight: normal; color: var(--muted); font-size: .85rem; }
h2.col { text-transform: uppercase; letter-spacing: .06em; font-size: .78rem;
  color: var(--muted); }
.meta { margin: 0 0 8px; color: var(--muted); font-size: .9rem; }
.legend { margin: 0 0 14px; font-size: .85rem; display: flex; flex-wrap: wrap; gap: 6px; }
.legend > * { padding: 1px 6px; border-radius: 3px; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
  grid-template-areas: "article summaries"; gap: 20px; align-items: start; }
article { grid-area: article; }
aside.summaries { grid-area: summaries; position: sticky; top: 12px; }
article, section.summary { background: #fff; border: 1px solid #dfe3e8; border-radius: 8px;
  padding: 14px 18px; }
section.summary { margin-bottom: 12px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.source { background: var(--source); box-shadow: inset 0 -2px var(--source-edge);
  font-weight: 600; }
.cue { background: var(--cue); box-shadow: inset 0 -2px var(--cue-edge); font-style: italic; }
.content { background: var(--content); }
.source, .cue, .content { border-radius: 2px; cursor: help; }
.source:focus, .cue:focus, .content:focus { outline: 2px solid var(--ink); }
.ev.lit, .key-ev { background: var(--lit); outline: 2px solid var(--lit-edge);
  border-radius: 2px; }
.alit.source, .alit.cue { outline: 2px solid var(--ink); }
ol { margin: 0; padding-left: 1.3em; }
li { margin: 4px 0; }
a.sent { color: inherit; text-decoration: none; border-bottom: 1px dashed #9aa5b1;
  border-radius: 2px; }
a.sent:hover, a.sent:focus, a.sent.on { background: var(--lit); border-bottom-color:
  var(--lit-edge); outline: none; }
mark.srcname { background: var(--source); box-shadow: inset 0 -2px var(--source-edge);
  color: inherit; font-weight: 600; padding: 0 1px; }
.unsupported { font-size: .75rem; color: #9b1c1c; border: 1px solid #e8a3a3;
  border-radius: 3px; padding: 0 4px; margin-left: 4px; }
footer { color: var(--muted); font-size: .8rem; padding-top: 12px; padding-bottom: 24px; }
#tip { position: absolute; z-index: 10; max-width: 320px; background: var(--ink); color: #fff;
  font-size: .8rem; line-height: 1.35; padding: 5px 8px; border-radius: 4px;
  pointer-events: none; }
@media (max-width: 760px) {
  header, main, footer { padding: 0 10px; }
  header { padding-top: 10px; }
  main { grid-template-columns: minmax(0, 1fr); grid-template-areas: "summaries" "article"; }
  aside.summaries { position: static; }
  article, section.summary { padding: 10px 12px; }
}
"""

SCRIPT = """
(function () {
  var tip = document.getElementById('tip');
  function show(el) {
    tip.textContent = el.getAttribute('data-tip');
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement
      .clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = (window.scrollY + r.bottom + 6) + 'px';
  }
  function hide() { tip.hidden = true; }
  function over(event) {
    var el = event.target.closest ? event.target.closest('[data-tip]') : null;
    if (el) { show(el); } else { hide(); }
  }
  document.addEventListener('mouseover', over);
  document.addEventListener('focusin', over);
  document.addEventListener('focusout', hide);
  function clear() {
    document.querySelectorAll('.lit, .alit, .on').forEach(function (el) {
      el.classList.remove('lit', 'alit', 'on');
    });
  }
  function light(sent) {
    clear();
    sent.classList.add('on');
    (sent.getAttribute('data-ev') || '').split(' ').forEach(function (key) {
      if (!key) { return; }
      document.querySelectorAll('.ev[data-ev="' + key + '"]').forEach(function (el) {
        el.classList.add('lit');
      });
    });
    (sent.getAttribute('data-a') || '').split(' ').forEach(function (index) {
      if (!index) { return; }
      document.querySelectorAll('.text [data-a="' + index + '"]').forEach(function (el) {
        el.classList.add('alit');
      });
    });
  }
  document.querySelectorAll('a.sent').forEach(function (sent) {
    sent.addEventListener('mouseenter', function () { light(sent); });
    sent.addEventListener('focus', function () { light(sent); });
    sent.addEventListener('click', function () { light(sent); });
  });
  var first = document.querySelector('a.sent');
  if (first && !location.hash) { light(first); }
})();
"""
