/** The debugger's one HTML page: layout and styles; everything else is drawn by the bundled script (`app.js`, relative, so the page works under any prefix). */

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:13px/1.4 system-ui,sans-serif;background:#f6f7f9;color:#1d2330;height:100vh;display:flex;flex-direction:column}
header{display:flex;gap:8px;align-items:center;padding:6px 10px;background:#1d2330;color:#fff;flex-wrap:wrap}
header h1{font-size:14px;margin:0 8px 0 0;font-weight:600}
header .hist{opacity:.7;margin-right:auto}
header button,header select,header input{font:inherit;border:1px solid #4a5368;background:#2b3243;color:#fff;border-radius:4px;padding:2px 8px}
header input#rev{width:90px}
header input#search{width:340px}
header .live{font-size:11px;padding:1px 7px;border-radius:8px;background:#2b3243;cursor:pointer}
header .live.on{background:#1f7a3f}
header .when{font-variant-numeric:tabular-nums;opacity:.85;min-width:170px}
#timeline{position:relative;height:118px;background:#fff;border-bottom:1px solid #d8dce4;cursor:crosshair;user-select:none}
#timeline canvas{width:100%;height:100%;display:block}
#legend{display:flex;gap:10px;flex-wrap:wrap;padding:3px 10px;font-size:11px;background:#fff;border-bottom:1px solid #d8dce4;min-height:20px}
#legend span i{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:3px;vertical-align:middle}
main{flex:1;display:grid;grid-template-columns:minmax(220px,1fr) minmax(300px,1.5fr) minmax(300px,1.3fr);grid-template-rows:minmax(0,1.4fr) minmax(0,1fr);gap:6px;padding:6px;min-height:0}
section{background:#fff;border:1px solid #d8dce4;border-radius:6px;display:flex;flex-direction:column;min-height:0;min-width:0}
section>h2{font-size:12px;text-transform:uppercase;letter-spacing:.04em;margin:0;padding:5px 8px;border-bottom:1px solid #e6e9ef;color:#566;display:flex;gap:6px;align-items:center}
section>.body{overflow:auto;padding:4px 8px;flex:1;min-height:0}
#events{grid-column:1/3}
.row{white-space:nowrap;cursor:pointer;padding:1px 4px;border-radius:3px;font-family:ui-monospace,monospace;font-size:12px}
.row:hover{background:#eef2fb}
.row.cur{background:#fff2c6}
.row .sw{display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:5px}
.tree details{margin-left:2px}
.tree summary{cursor:pointer;font-weight:600}
.node{white-space:nowrap;cursor:pointer;padding:0 3px;border-radius:3px}
.node:hover{background:#eef2fb}
.node.sel{background:#d8e6ff}
.node.changed{box-shadow:inset 3px 0 #f0a500}
.kids{margin-left:14px;border-left:1px dotted #c5cad6;padding-left:4px}
.badge{font-size:11px;padding:0 5px;border-radius:8px;background:#e8ebf0;color:#445;margin-left:4px}
.badge.Running,.badge.Ready,.badge.Succeeded{background:#d9f2e0;color:#11652d}
.badge.Pending{background:#fff0c2;color:#7a5a00}
.badge.Failed,.badge.NotReady,.badge.Unknown,.badge.Gone{background:#fbd9d9;color:#8a1111}
.badge.Terminating{background:#ece0fb;color:#5a2a91}
pre.yaml{margin:0;font:12px/1.45 ui-monospace,monospace}
pre.yaml div{padding:0 4px;white-space:pre}
pre.yaml div.chg{background:#fff0b3;box-shadow:inset 3px 0 #f0a500}
pre.yaml div[role=option]{cursor:pointer}
pre.yaml div[role=option]:hover{background:#eef2fb}
pre.yaml:focus{outline:2px solid #9db4ea;outline-offset:-2px}
pre.yaml:focus div.act{outline:1px dashed #3b6fd6;outline-offset:-1px}
pre.yaml div.pick,pre.yaml div.pick:hover{background:#d8e6ff;box-shadow:inset 3px 0 #3b6fd6}
.why .fieldhead{border:1px solid #9db4ea;background:#f1f5fe;border-radius:5px;padding:3px 8px;margin:2px 0 6px;font-size:12px}
.why .fieldhead code{font:12px ui-monospace,monospace;background:#fff;border:1px solid #dde3f0;border-radius:3px;padding:0 3px;word-break:break-all}
.why .fieldhead .whole{font-size:11px}
.tabs button{font:inherit;font-size:11px;border:1px solid #ccd;background:#f3f4f7;border-radius:4px;padding:0 6px;cursor:pointer}
.tabs button.on{background:#1d2330;color:#fff}
.op{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all;padding:1px 4px}
.op.add{color:#11652d}.op.remove{color:#8a1111}.op.replace{color:#7a4d00}
.why .step{border:1px solid #ccd3e0;border-radius:5px;padding:2px 6px;margin:3px 0;background:#fbfcfe;cursor:pointer;font-size:12px;display:inline-block}
.why .step:hover{border-color:#5b7bd5}
.why .fault{border-color:#d33;background:#fdeaea;color:#8a1111;font-weight:600;cursor:default}
.why .user{border-color:#2a8a4a;background:#e9f7ee}
.why .kids{margin-left:18px;border-left:2px solid #c5cad6;padding-left:8px}
.why .seen{opacity:.6}
.nodes .card{border:1px solid #d8dce4;border-radius:5px;margin:4px 0;padding:3px 6px}
.nodes .card h3{font-size:12px;margin:0 0 2px}
.pod{display:inline-block;font-size:11px;margin:1px;padding:0 5px;border-radius:8px;cursor:pointer;background:#e8ebf0}
.pod.Running{background:#d9f2e0}.pod.Pending{background:#fff0c2}.pod.Terminating{background:#ece0fb}.pod.Failed{background:#fbd9d9}
.muted{color:#8a91a0}
#results{position:absolute;right:10px;top:40px;width:560px;max-height:50vh;overflow:auto;background:#fff;color:#1d2330;border:1px solid #aab;border-radius:6px;box-shadow:0 6px 24px #0003;z-index:5;padding:4px;display:none}
#help{position:fixed;inset:20% 30%;background:#fff;border:1px solid #aab;border-radius:8px;box-shadow:0 6px 24px #0004;padding:12px 18px;display:none;z-index:6}
#help kbd{border:1px solid #bbc;border-radius:3px;padding:0 4px;font-size:12px;background:#f3f4f7}
.error{color:#8a1111}
`;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function pageHtml(history: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>chronokube · ${escapeHtml(history)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head>
<body>
<header>
  <h1>chronokube</h1><span class="hist" id="hist">${escapeHtml(history)}</span>
  <button id="first" title="first revision (Home)">|◀</button>
  <button id="back" title="previous revision (←)">◀</button>
  <input id="rev" title="revision" aria-label="revision">
  <button id="fwd" title="next revision (→)">▶</button>
  <button id="last" title="last revision (End)">▶|</button>
  <button id="play" title="play / pause (space)">▶ play</button>
  <select id="speed" title="events per second"><option>1</option><option selected>5</option><option>20</option><option>100</option></select>
  <span class="when" id="when"></span>
  <span class="live" id="live" title="a running cluster: the cursor follows new events while it is at the newest one (End)" hidden></span>
  <label title="show lease renewals, heartbeats and no-op writes"><input type="checkbox" id="noise"> noise</label>
  <input id="search" placeholder="search: kind:pod name:web-* actor:replicaset verb:delete l:app=web text  (/ then Enter)">
  <button id="helpbtn" title="keyboard shortcuts (?)">?</button>
  <div id="results"></div>
</header>
<div id="timeline"><canvas id="tl"></canvas></div>
<div id="legend"></div>
<main>
  <section id="tree"><h2>Objects <span class="muted" id="treeinfo"></span></h2><div class="body tree" id="treebody"></div></section>
  <section id="object"><h2>Object <span class="tabs"><button id="tabyaml" class="on">YAML</button> <button id="tabdiff">Diff</button></span>
    <button id="pver" title="previous version (Shift+←)">◀ version</button><button id="nver" title="next version (Shift+→)">version ▶</button></h2><div class="body" id="objbody"><p class="muted">Select an object in the tree, the events, the nodes or the why chain.</p></div></section>
  <section id="why"><h2>Why <span class="muted">(pick a field in the YAML for its own chain)</span></h2><div class="body why" id="whybody"></div></section>
  <section id="events"><h2>Events <span class="muted">(around the cursor; click one to go there)</span></h2><div class="body" id="evbody"></div></section>
  <section id="nodes"><h2>Nodes</h2><div class="body nodes" id="nodebody"></div></section>
</main>
<div id="help"><h3>Keyboard</h3>
<p><kbd>←</kbd> <kbd>→</kbd> one revision · <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> previous/next version of the selected object · <kbd>PgUp</kbd>/<kbd>PgDn</kbd> 100 revisions · <kbd>Home</kbd>/<kbd>End</kbd> first/last</p>
<p><kbd>Space</kbd> play/pause · <kbd>/</kbd> search · <kbd>n</kbd>/<kbd>N</kbd> next/previous match · <kbd>f</kbd> next fault · <kbd>i</kbd> next invariant failure · <kbd>?</kbd> this help</p>
<p>YAML: click a line (or <kbd>Tab</kbd> to it, <kbd>↑</kbd>/<kbd>↓</kbd>, <kbd>Enter</kbd>) to see why that field has its value; click it again or <kbd>Esc</kbd> for the whole object</p>
<p>Timeline: click or drag to scrub, wheel to zoom, double-click to zoom out. The URL names the history, the revision, the selected object and the picked field: share it.</p></div>
<script src="app.js"></script>
</body></html>`;
}
