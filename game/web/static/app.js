// Model Citizen in a browser: this script only draws what the game's Python says and sends back the
// player's choices. Every sentence comes from the Python (game/web/bridge.py, which uses the same
// narration and debrief text as the terminal and the window); the rules run there, in a worker.

const app = document.getElementById("app");
const live = document.getElementById("live");
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const pending = new Map();
let nextId = 1;
let W = {};           // the page's words, from the Python
let TITLE = {};       // the level's title screen
const YEARS_KEY = "model-citizen:years";
const SETTINGS_KEY = "model-citizen:settings";
const params = new URLSearchParams(location.search);
const times = (window.modelCitizen = { decisions: [] });

worker.onmessage = (event) => {
  const { id, ok, error, ms } = event.data;
  const waiter = pending.get(id);
  pending.delete(id);
  if (!waiter) return;
  if (error !== undefined) waiter.reject(new Error(error));
  else waiter.resolve(ok, ms);
};

function call(name, ...args) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, name, args });
  });
}

// --- small helpers ------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function icon(name, extra = "") {
  if (!name) return null;
  const span = el("span", { class: `icon ${extra}`, "aria-hidden": "true" });
  span.style.setProperty("--icon", `url("icons/${name}.svg")`);
  return span;
}

function button(label, action, attrs = {}) {
  return el("button", { type: "button", onclick: action, ...attrs }, label);
}

function fmt(text, values) {
  return text.replace(/\{(\w+)\}/g, (_m, key) => (key in values ? values[key] : `{${key}}`));
}

function say(text) {
  live.textContent = "";
  window.setTimeout(() => { live.textContent = text; }, 30);
}

function show(section, focus) {
  app.replaceChildren(section);
  window.scrollTo(0, 0);
  const target = focus || section.querySelector("[data-autofocus]") || section.querySelector("h1");
  if (target) {
    if (!target.hasAttribute("tabindex") && target.tagName === "H1") target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    if (target.tagName !== "H1") target.scrollIntoView({ block: "nearest" });  // just enough to see it
  }
}

function list(items) {
  return el("ul", {}, items.map((item) => el("li", {}, item)));
}

function sections(parts, level = "h2") {
  return parts.map((s) => el("div", { class: "section" }, s.heading ? el(level, { text: s.heading }) : null,
    (s.paragraphs || []).map((p) => el("p", { text: p })), s.items.length ? list(s.items) : null));
}

function download(name, text, type) {
  const blob = new Blob([text], { type });
  const link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// --- settings: text size, contrast, motion (kept in the browser) --------------------------------

function settings() {
  try { return JSON.parse(localStorage.getItem(SETTINGS_KEY)) || unsaved; } catch { return unsaved; }
}

function applySettings() {
  const s = settings();
  const root = document.documentElement;
  root.style.setProperty("--text-scale", String((s.size || 100) / 100));
  root.dataset.size = String(s.size || 100);
  root.classList.toggle("contrast", !!s.contrast);
  root.classList.toggle("calm", !!s.motion || window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  for (const radio of document.querySelectorAll("input[name=size]")) radio.checked = Number(radio.value) === (s.size || 100);
  document.getElementById("contrast").checked = !!s.contrast;
  document.getElementById("motion").checked = !!s.motion;
}

let unsaved = {};  // settings kept for this page only where the browser keeps nothing

function saveSetting(key, value) {
  const s = settings();
  s[key] = value;
  unsaved = s;
  try { localStorage.setItem(SETTINGS_KEY, JSON.stringify(s)); } catch { /* kept for this page */ }
  applySettings();
}

for (const radio of document.querySelectorAll("input[name=size]")) {
  radio.addEventListener("change", () => saveSetting("size", Number(radio.value)));
}
document.getElementById("contrast").addEventListener("change", (e) => saveSetting("contrast", e.target.checked));
document.getElementById("motion").addEventListener("change", (e) => saveSetting("motion", e.target.checked));
applySettings();

// --- the years kept in this browser ---------------------------------------------------------------

let yearId = null;

function years() {
  try { return JSON.parse(localStorage.getItem(YEARS_KEY)) || {}; } catch { return {}; }
}

function keep(record, over) {
  const all = years();
  if (!yearId) yearId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  if (over) delete all[yearId];
  else all[yearId] = { record, saved: Date.now() };
  try { localStorage.setItem(YEARS_KEY, JSON.stringify(all)); } catch { /* storage full or off: play on */ }
}

function unfinished() {
  return Object.entries(years()).sort((a, b) => b[1].saved - a[1].saved);
}

// --- keys: 1 to 9 press the numbered buttons, R the rulebook, Escape closes a page -----------------

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (target instanceof HTMLInputElement && target.type === "text") return;
  if (/^[1-9]$/.test(event.key)) {
    const hit = app.querySelector(`[data-key="${event.key}"]:not([disabled])`);
    if (hit) { event.preventDefault(); hit.click(); }
  } else if ((event.key === "r" || event.key === "R") && app.querySelector("[data-rules]")) {
    event.preventDefault();
    app.querySelector("[data-rules]").click();
  } else if ((event.key === "s" || event.key === "S") && app.querySelector("[data-skip]")) {
    event.preventDefault();  // the two-minute check: s skips it in one key
    app.querySelector("[data-skip]").click();
  } else if (event.key === "Escape" && app.querySelector("[data-close]")) {
    event.preventDefault();
    app.querySelector("[data-close]").click();
  }
});

// --- title --------------------------------------------------------------------------------------

function showTitle(message = "") {
  const kept = unfinished();
  const seed = el("input", { type: "text", id: "seed", autocomplete: "off", spellcheck: "false",
    value: params.get("seed") || "", "aria-describedby": "seed-hint" });
  const short = el("input", { type: "checkbox", id: "short" });
  short.checked = params.has("months") && Number(params.get("months")) < TITLE.months;
  const leave = TITLE.options.map((o) => {
    const box = el("input", { type: "checkbox", id: `leave-${o.id}`, "data-option": o.id });
    box.checked = (params.get("leave_out") || "").split(",").includes(o.id);
    return el("label", { class: "check" }, box, " ", o.id === "family_planning" ? W.leave_out : o.label);
  });
  const check = el("input", { type: "checkbox", id: "check-box" });
  check.checked = params.has("check");
  const code = el("input", { type: "text", id: "code", autocomplete: "off", spellcheck: "false" });
  const form = el("form", { class: "setup-form", onsubmit: (e) => { e.preventDefault(); newGame(); } },
    el("label", { for: "seed", class: "field-label" }, W.seed), seed,
    el("p", { id: "seed-hint", class: "hint", text: W.seed_hint }),
    el("label", { class: "check" }, short, " ", W.short), leave,
    el("label", { class: "check" }, check, " ", W.check));

  function newGame() {
    const months = short.checked ? TITLE.short : null;
    const leaveOut = [...form.querySelectorAll("[data-option]")].filter((b) => b.checked).map((b) => b.dataset.option);
    setUp({ seed: seed.value.trim(), months, leave_out: leaveOut, level: TITLE.level, check: check.checked });
  }

  const buttons = el("div", { class: "actions" },
    button(W.new, newGame, { class: "primary", "data-autofocus": kept.length ? null : true }),
    kept.length ? button(W.continue, () => kept.length === 1 ? resume(kept[0][0]) : showYears(),
      { "data-autofocus": true }) : null,
    button(W.sources, () => reading(call("sources"), showTitle)));
  const replay = el("form", { class: "replay", onsubmit: async (e) => {
    e.preventDefault();
    const screen = await call("play_code", code.value.trim());
    if (screen.error) { showTitle(screen.error); return; }
    yearId = null;
    startYear(screen);
  } }, el("label", { for: "code", class: "field-label" }, W.play_code), code, button(W.replay, null, { type: "submit" }));
  const section = el("section", { class: "sheet title-screen", "aria-labelledby": "title-h" },
    el("h1", { id: "title-h", class: "display" }, W.game),
    el("p", { class: "level-title", text: TITLE.title }),
    el("p", { class: "summary", text: TITLE.summary }),
    message ? el("p", { class: "message", role: "alert", text: message }) : null,
    form, buttons, el("details", { class: "more" }, el("summary", {}, W.play_code), replay));
  show(section);
}

async function setUp(choice) {
  const setup = await call("setup", choice);
  if (setup.error) { showTitle(setup.error); return; }
  const character = params.get("character");
  const values = (params.get("values") || "").split(",").filter(Boolean);
  if (character && values.length === 3 && choice.fromLink) {
    return begin(setup, character, values);
  }
  showCharacters(setup);
}

function showCharacters(setup) {
  const people = setup.characters.map((p, i) => el("li", {},
    button(el("span", { class: "person" },
      el("span", { class: "key", "aria-hidden": "true" }, String(i + 1)),
      el("span", { class: "name" }, `${p.name}, ${p.role}`),
      el("span", { class: "goal" }, `${W.goal}: ${p.goal}`)),
    () => showValues(setup, p), { "data-key": String(i + 1), class: "choice", "data-autofocus": i === 0 ? true : null })));
  show(el("section", { class: "sheet", "aria-labelledby": "who-h" },
    el("h1", { id: "who-h" }, W.who), el("p", { class: "hint", text: setup.seed_line }),
    el("ol", { class: "choices people" }, people),
    el("div", { class: "actions" }, button(W.back, () => showTitle(), { "data-close": true }))));
}

function showValues(setup, person) {
  const picked = [];
  const count = el("p", { class: "count", "aria-live": "polite" }, fmt(W.picked, { n: 0 }));
  const start = button(W.start, () => begin(setup, person.id, picked), { class: "primary", disabled: true });
  const items = setup.values.map((v, i) => {
    const b = button(el("span", {}, el("span", { class: "key", "aria-hidden": "true" }, String(i + 1)), v.label), () => {
      const at = picked.indexOf(v.id);
      if (at >= 0) picked.splice(at, 1);
      else if (picked.length < 3) picked.push(v.id);
      for (const other of section.querySelectorAll("[data-value]")) {
        other.setAttribute("aria-pressed", String(picked.includes(other.dataset.value)));
      }
      count.textContent = fmt(W.picked, { n: picked.length });
      start.disabled = picked.length !== 3;
      if (picked.length === 3) start.focus();
    }, { "data-key": String(i + 1), "data-value": v.id, "aria-pressed": "false", class: "toggle",
      "data-autofocus": i === 0 ? true : null });
    return el("li", {}, b);
  });
  const section = el("section", { class: "sheet", "aria-labelledby": "values-h" },
    el("h1", { id: "values-h" }, W.values), el("p", { class: "person-text", text: person.text }),
    el("p", { class: "hint", text: W.values_hint }), el("ul", { class: "values" }, items), count,
    el("div", { class: "actions" }, start, button(W.back, () => showCharacters(setup), { "data-close": true })));
  show(section);
}

async function begin(setup, character, values) {
  const all = unfinished().filter(([, y]) => y.record.seed === setup.seed && y.record.character === character
    && y.record.values.join() === values.join());
  if (all.length) return resume(all[0][0]);  // the class's link opened again: the year goes on
  const screen = await call("start", setup.level, setup.seed, character, values);
  if (screen.error) { showTitle(screen.error); return; }
  yearId = null;
  if (setup.check) { runCheck("before", () => startYear(screen)); return; }
  startYear(screen);
}

// --- the two-minute check: before the year and after the debrief (the window and the terminal ask the same) --

let checkAfter = false;  // the first round was taken: the debrief's last page offers the second

async function runCheck(when, then) {
  const c = await call("check", when);
  if (!c.statements) { then(); return; }
  const placed = {};
  let pull = null;
  const finish = async (changed = "") => {
    const r = await call("check_answer", when, placed, pull, changed);
    if (when === "before") checkAfter = Object.values(placed).some((k) => k) || pull !== null;
    else checkAfter = false;
    if (r.answers.length) {
      show(el("section", { class: "sheet", "aria-labelledby": "check-h" },
        el("h1", { id: "check-h" }, c.answers_title),
        el("ol", {}, r.answers.map((a) => el("li", {}, el("strong", {}, a.text), el("br"), a.answer))),
        el("div", { class: "actions" }, button(c.done, () => then(r),
          { class: "primary", "data-autofocus": true, "data-close": true }))));
      return;
    }
    then(r);
  };
  const sheet = (small, heading, question, choices, extra = null) => show(el("section",
    { class: "sheet why", "aria-labelledby": "check-h" },
    small ? el("p", { class: "small" }, small) : null,
    el("h1", { id: "check-h" }, heading), question ? el("p", { class: "question", id: "check-q", text: question }) : null,
    extra, el("ol", { class: "choices", "aria-labelledby": question ? "check-q" : "check-h" }, choices),
    el("div", { class: "actions" }, button(c.skip_rest, () => finish(), { "data-skip": true, "data-close": true }))));
  const numbered = (labels, pick) => labels.map((label, i) => el("li", {}, button(
    el("span", {}, el("span", { class: "key", "aria-hidden": "true" }, String(i + 1)), label),
    () => pick(i), { "data-key": String(i + 1), class: "choice", "data-autofocus": i === 0 ? true : null })));
  const ask = (n) => {
    const total = c.statements.length;
    if (n < total) {
      const s = c.statements[n];
      const next = (kind) => { placed[s.id] = kind; ask(n + 1); };
      sheet(fmt(c.claim_of, { n: n + 1, total }), s.text, c.prompt,
        [...numbered(c.kinds.map((k) => k.label), (i) => next(c.kinds[i].id)),
          el("li", {}, button(c.pass, () => next(null), { class: "choice" }))]);
    } else if (n === total) {
      sheet("", c.pull, c.scale, [...numbered(c.steps, (i) => { pull = i + 1; ask(n + 1); }),
        el("li", {}, button(c.pass, () => ask(n + 1), { class: "choice" }))]);
    } else if (when === "after") {
      const line = el("input", { type: "text", id: "changed", autocomplete: "off", maxlength: "300" });
      show(el("section", { class: "sheet", "aria-labelledby": "check-h" },
        el("form", { onsubmit: (e) => { e.preventDefault(); finish(line.value); } },
          el("h1", { id: "check-h" }, el("label", { for: "changed" }, c.changed)), line,
          el("div", { class: "actions" }, button(c.done, null, { type: "submit", class: "primary" })))), line);
    } else {
      finish();
    }
  };
  if (when === "before") {
    show(el("section", { class: "sheet", "aria-labelledby": "check-h" },
      el("h1", { id: "check-h" }, c.offer),
      el("div", { class: "actions" },
        button(c.start, () => ask(0), { class: "primary", "data-autofocus": true }),
        button(c.skip, () => then(), { "data-skip": true, "data-close": true }))));
  } else {
    ask(0);
  }
}

async function resume(id) {
  const kept = years()[id];
  if (!kept) { showTitle(); return; }
  const screen = await call("resume", kept.record);
  if (screen.error) { showTitle(screen.error); return; }
  yearId = id;
  startYear(screen);
}

async function showYears() {
  const kept = unfinished();
  const names = await Promise.all(kept.map(([, y]) => call("describe", y.record)));
  const items = kept.map(([id, y], i) => el("li", {}, button(
    el("span", {}, el("span", { class: "key", "aria-hidden": "true" }, String(i + 1)),
      `${names[i]} · ${new Date(y.saved).toLocaleString([], { dateStyle: "short", timeStyle: "short" })}`),
    () => resume(id), { "data-key": String(i + 1), class: "choice", "data-autofocus": i === 0 ? true : null })));
  show(el("section", { class: "sheet", "aria-labelledby": "years-h" },
    el("h1", { id: "years-h" }, W.which), el("p", { class: "hint", text: W.which_hint }),
    el("ol", { class: "choices" }, items),
    el("div", { class: "actions" }, button(W.start_new, () => showTitle(), { "data-close": true }))));
}

// --- the table ----------------------------------------------------------------------------------

let current = null;   // the last screen the Python sent
let redraw = null;    // draws the table as it was: where the rulebook and "end now?" go back to
let firstCard = true;

function startYear(screen) {
  if (screen.words) W = screen.words;  // the year's own words ("Next week" in a term of weeks)
  current = screen;
  keep(screen.record, screen.over);
  if (screen.over) showEnd(screen);
  else showTable(screen);
}

function scoreTrack(score) {
  if (!score) return null;
  const span = score.max - score.min;
  const pos = (v) => `${Math.max(0, Math.min(100, ((v - score.min) / span) * 100))}%`;
  const bands = [];
  let upper = score.max;
  for (const b of score.bands) {
    const lo = Math.max(b.min, score.min);
    if (upper > lo) {
      bands.push(el("span", { class: `band band-${b.grade}`, style: `left:${pos(lo)};width:calc(${pos(upper)} - ${pos(lo)})`,
        title: b.label }, el("span", { class: "band-letter" }, b.grade)));
    }
    upper = b.min;
    if (upper <= score.min) break;
  }
  return el("div", { class: "score" },
    el("h2", { class: "panel-title" }, score.label),
    el("p", { class: "score-number" }, el("strong", {}, String(score.score)), " ", score.grade_words),
    el("div", { class: "track", role: "img", "aria-label": `${score.label} ${score.score}, ${score.grade_words}` },
      bands, el("span", { class: "token", style: `left:${pos(score.score)}` })));
}

function meters(header) {
  return el("div", { class: "meters" }, el("h2", { class: "panel-title" }, W.meters),
    el("ul", {}, header.meters.map((m) => el("li", { class: "meter" },
      icon(m.icon), el("span", { class: "meter-label" }, m.label),
      el("span", { class: "meter-bar", "aria-hidden": "true" },
        el("span", { style: `width:${((m.value - m.min) / (m.max - m.min)) * 100}%` })),
      el("span", { class: "meter-value" }, `${m.value}/${m.max}`)))));
}

function die(roll) {
  const face = el("span", { class: "die-face" }, roll ? String(roll.roll) : "d100");
  return el("div", { class: "die" }, el("h2", { class: "panel-title" }, W.die), face,
    el("p", {}, roll ? (roll.chance >= 100 ? W.always_seen : fmt(W.seen_on, { n: roll.chance })) : W.none_yet),
    roll ? el("span", { class: `tag ${roll.caught ? "denied" : "granted"}` }, roll.caught ? W.seen : W.not_seen) : null);
}

function services(list) {
  if (!list.length) return null;
  return el("div", { class: "services" }, el("h2", { class: "panel-title" }, W.services),
    el("ul", {}, list.map((s) => el("li", { class: `ticket ${s.outcome}` }, icon(s.icon), el("span", {}, s.label),
      el("strong", { class: "stamp" }, s.words), s.tag ? el("span", { class: "small" }, ` (${s.tag})`) : null))));
}

function card(c) {
  return el("article", { class: "card", "aria-labelledby": "card-title" },
    el("p", { class: "card-head" }, icon(c.icon), el("span", {}, c.category + (c.place ? ` · ${c.place}` : "")),
      c.tag ? el("span", { class: "need-tag" }, c.tag) : null),
    el("h2", { id: "card-title", class: "card-title" }, c.title),
    el("p", { class: "card-text" }, c.text),
    c.source ? el("p", { class: "source" }, c.source) : null);
}

function tableFrame(screen, centre) {
  const h = screen.header;
  return el("section", { class: "table", "aria-labelledby": "round-h" },
    el("div", { class: "table-head" },
      el("h1", { id: "round-h" }, h.round, el("span", { class: "goal-status" }, ` · ${h.goal_status}`)),
      el("div", { class: "head-actions" },
        button(W.rules, () => reading(call("rulebook"), redraw), { "data-rules": true }),
        screen.over ? null : button(W.end_now, () => confirmEnd()),
        button(W.to_title, () => { yearId = null; showTitle(); }, { "data-title": true }))),
    el("aside", { class: "side left", "aria-label": W.your_score }, scoreTrack(h.score), meters(h),
      el("div", { class: "about" }, el("h2", { class: "panel-title" }, W.goal_label),
        el("p", {}, el("strong", {}, h.who), ": ", h.goal),
        el("h2", { class: "panel-title" }, W.values_label), el("p", {}, h.values))),
    el("div", { class: "centre" }, centre),
    el("aside", { class: "side right", "aria-label": W.die }, die(screen.roll), services(screen.services),
      el("p", { class: "small" }, fmt(W.played, { n: h.played })), el("p", { class: "small" }, h.seed), el("p", { class: "small" }, W.saved)));
}

function showTable(screen) {
  current = screen;
  if (screen.over) { showEnd(screen); return; }
  redraw = () => showTable(screen);
  const d = screen.decision;
  const choices = el("ol", { class: "choices options", "aria-label": W.choices },
    d.options.map((o, i) => el("li", {}, button(
      el("span", { class: "option" },
        el("span", { class: "key", "aria-hidden": "true" }, String(i + 1)),
        el("span", { class: "option-label" }, o.label),
        o.lines.length ? el("span", { class: "option-lines" }, o.lines.map((line) => el("span", { class: "line" }, line))) : null),
      () => choose(i), { "data-key": String(i + 1), class: "choice", disabled: !o.available,
        "data-autofocus": i === 0 ? true : null }))));
  show(tableFrame(screen, [card(d.card), el("p", { class: "hint keys" }, fmt(W.keys, { n: d.options.length })), choices]));
  if (firstCard) {
    firstCard = false;
    times.firstCard = performance.now();
    call("warm");  // the debrief's modules load while the player reads
  }
}

async function choose(index) {
  const started = performance.now();
  for (const b of app.querySelectorAll(".options button")) b.disabled = true;
  const played = current.decision.card;
  const screen = await call("choose", index);
  if (screen.error) { say(screen.error); showTable(screen); return; }
  keep(screen.record, screen.over);
  showOutcome(played, screen);
  times.decisions.push(performance.now() - started);
}

function showOutcome(played, screen) {
  current = screen;
  redraw = () => showOutcome(played, screen);
  const out = screen.outcome || { lines: [], months: [] };
  const months = [...out.months];
  const next = () => (months.length ? showMonth(months.shift(), next) : (screen.over ? showEnd(screen) : showTable(screen)));
  const rolled = out.rolled ? "rolled" : "";
  const centre = [card(played),
    el("div", { class: "outcome", "aria-labelledby": "outcome-h" }, el("h2", { id: "outcome-h" }, W.outcome),
      list(out.lines)),
    el("div", { class: "actions" }, button(W.continue_year, next, { class: "primary", "data-autofocus": true }))];
  const frame = tableFrame(screen, centre);
  if (rolled) frame.querySelector(".die").classList.add("rolled");
  show(frame);
  say(out.lines.join(" "));
}

function showMonth(month, next) {
  const section = el("section", { class: "sheet reading", "aria-labelledby": "month-h" },
    el("h1", { id: "month-h" }, month.title), sections(month.sections),
    el("div", { class: "actions" }, button(month.close, next, { class: "primary", "data-autofocus": true, "data-close": true })));
  show(section);
  say(month.title);
}

function confirmEnd() {
  const back = current;
  const again = redraw;
  show(el("section", { class: "sheet", "aria-labelledby": "end-q" },
    el("h1", { id: "end-q" }, W.end_now_q),
    el("div", { class: "actions" },
      button(W.keep, again, { "data-autofocus": true, "data-close": true, "data-key": "1" }),
      button(W.yes_end, async () => {
        const screen = await call("end_now");
        keep(screen.record, screen.over);
        showOutcome(back.decision.card, screen);
      }, { "data-key": "2" }))));
}

async function reading(promise, back) {
  const page = await promise;
  show(el("section", { class: "sheet reading", "aria-labelledby": "reading-h" },
    el("h1", { id: "reading-h" }, page.title), sections(page.sections),
    page.note ? el("p", { class: "hint", text: page.note }) : null,
    el("div", { class: "actions" }, button(W.close, back, { class: "primary", "data-close": true }))));
  // a long page is read from its top: the heading has the focus, Escape or the button at the end closes it
}

// --- the end, the questions, the debrief ----------------------------------------------------------

function codeBox(code, heading) {
  if (!code) return null;
  const text = el("p", { class: "code", id: "game-code", tabindex: "0" }, code);
  const note = el("span", { class: "copied", role: "status" });
  return el("div", { class: "code-box" }, el("h2", {}, heading || W.code), text,
    el("div", { class: "actions" }, button(W.copy, async () => {
      try {
        await navigator.clipboard.writeText(code);
        note.textContent = W.copied;
      } catch {
        const range = document.createRange();
        range.selectNodeContents(text);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        note.textContent = document.execCommand && document.execCommand("copy") ? W.copied : W.copy_failed;
      }
    }, { "data-copy": true }), note),
    el("p", { class: "hint", text: W.code_hint }));
}

async function downloads() {
  return el("div", { class: "actions downloads" },
    button(W.report, async () => download(`report-${await call("file_name")}.html`, await call("report_html"), "text/html"),
      { "data-download": "report" }),
    button(W.log, async () => download(`log-${await call("file_name")}.json`, await call("log_text"), "application/json"),
      { "data-download": "log" }));
}

async function showEnd(screen) {
  keep(screen.record, true);
  const end = screen.end;
  show(el("section", { class: "sheet end", "aria-labelledby": "end-h" },
    el("h1", { id: "end-h" }, end.heading), list(end.lines), codeBox(end.code, end.code_heading),
    el("div", { class: "actions" },
      button(W.debrief, () => askWhy(), { class: "primary", "data-autofocus": true, "data-key": "1" }),
      button(W.again, () => { yearId = null; showTitle(); }, { "data-key": "2" }),
      button(W.title, () => { yearId = null; showTitle(); }, { "data-key": "3" })),
    await downloads()));
  times.end = performance.now();
}

async function askWhy() {
  const q = await call("questions");
  const answers = [];
  const ask = (n) => {
    if (n >= q.questions.length) { debrief(call("answer", answers)); return; }
    const question = q.questions[n];
    show(el("section", { class: "sheet why", "aria-labelledby": "why-h" },
      el("h1", { id: "why-h" }, W.why), el("p", { class: "hint", text: q.intro }),
      el("p", { class: "question", id: "why-q" }, question.text),
      el("ol", { class: "choices", "aria-labelledby": "why-q" }, q.answers.map((a, i) => el("li", {}, button(
        el("span", {}, el("span", { class: "key", "aria-hidden": "true" }, String(i + 1)), a.label),
        () => { answers.push({ step: question.step, answer: a.id }); ask(n + 1); },
        { "data-key": String(i + 1), class: "choice", "data-autofocus": i === 0 ? true : null })))),
      el("p", { class: "small" }, fmt(W.moment_of, { n: n + 1, total: q.questions.length })),
      el("div", { class: "actions" }, button(W.skip, () => debrief(call("answer", answers)), { "data-close": true }))));
  };
  ask(0);
}

async function debrief(promise) {
  const d = await promise;
  const extras = await downloads();
  const page = (n) => {
    const p = d.pages[n];
    const chart = n === 0 ? el("figure", { class: "chart-box" }) : null;
    if (chart) chart.innerHTML = d.chart;  // drawn by the Python (game/web/chart.py), every text escaped there
    show(el("section", { class: "sheet debrief", "aria-labelledby": "debrief-h" },
      el("p", { class: "small" }, fmt(W.page_of, { n: n + 1, total: d.pages.length })),
      el("h1", { id: "debrief-h" }, p.title), el("p", { class: "prompt", text: p.prompt }), chart,
      sections(p.sections),
      n + 1 === d.pages.length && d.otherwise.lines.length
        ? sections([{ heading: d.otherwise.heading, items: d.otherwise.lines }]) : null,
      el("div", { class: "actions" },
        n > 0 ? button(W.previous, () => page(n - 1), { "data-key": "1" }) : null,
        n + 1 < d.pages.length ? button(W.next, () => page(n + 1), { class: "primary", "data-autofocus": true, "data-key": "2" }) : null,
        n + 1 === d.pages.length && checkAfter ? button(W.check_again, () => runCheck("after", (r) => {
          if (r) d.code = r.code;
          page(n);
        }), { class: "primary", "data-autofocus": true, "data-check": true }) : null,
        button(W.title, () => { yearId = null; showTitle(); })),
      codeBox(d.code, d.code_heading), extras));
  };
  page(0);
}

// --- start ----------------------------------------------------------------------------------------

(async () => {
  const started = performance.now();
  const first = await call("boot");
  W = first.words;
  TITLE = params.get("level") ? await call("title", params.get("level")) : first.title;
  times.boot = performance.now() - started;
  times.worker = first.boot;
  document.getElementById("size-legend").textContent = W.text_size;
  document.getElementById("contrast-label").textContent = W.contrast;
  document.getElementById("motion-label").textContent = W.motion;
  if (params.get("code")) {
    const screen = await call("play_code", params.get("code"));
    if (!screen.error) { startYear(screen); return; }
    showTitle(screen.error);
    return;
  }
  if (params.get("seed") && params.get("character") && params.get("values")) {
    const months = Number(params.get("months")) || null;
    const leaveOut = (params.get("leave_out") || "").split(",").filter(Boolean);
    await setUp({ seed: params.get("seed"), months, leave_out: leaveOut, level: TITLE.level, fromLink: true });
    return;
  }
  showTitle();
})().catch((err) => {
  app.replaceChildren(el("section", { class: "sheet" }, el("h1", {}, "Model Citizen"),
    el("p", { role: "alert" }, String(err.message || err))));
});
