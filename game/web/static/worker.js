// The game's Python runs here, off the page's thread, so clicks answer at once while it thinks.
// Every message is a call into game/web/bridge.py; every answer is its JSON, as it returned it.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const base = new URL("./", import.meta.url).href;
let bridge = null;

async function boot() {
  const started = performance.now();
  const [pyodide, zip, levels] = await Promise.all([
    loadPyodide({ indexURL: base + "pyodide/", lockFileURL: base + "pyodide/pyodide-lock.json" }),
    fetch(base + "game.zip").then((r) => r.arrayBuffer()),
    fetch(base + "levels.pickle").then((r) => r.arrayBuffer()),
  ]);
  const loaded = performance.now();
  pyodide.unpackArchive(zip, "zip", { extractDir: "/home/pyodide/lib" });
  pyodide.FS.writeFile("/home/pyodide/levels.pickle", new Uint8Array(levels));
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/lib'); sys.dont_write_bytecode = True");
  bridge = pyodide.pyimport("game.web.bridge");
  const imported = performance.now();
  const first = bridge.boot("/home/pyodide/levels.pickle", "/home/pyodide/data");
  const ms = (a, b) => Math.round(b - a);
  return { ...JSON.parse(first), boot: { runtime: ms(started, loaded), imports: ms(loaded, imported),
    levels: ms(imported, performance.now()) } };
}

const ready = boot();

self.onmessage = async (event) => {
  const { id, name, args } = event.data;
  try {
    if (name === "boot") {
      self.postMessage({ id, ok: await ready });
      return;
    }
    await ready;
    const started = performance.now();
    const answer = bridge.call(name, JSON.stringify(args || []));
    self.postMessage({ id, ok: JSON.parse(answer), ms: performance.now() - started });
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
};
