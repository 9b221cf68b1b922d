// Module worker that runs annotate() off the main thread, so long articles never freeze the
// page. Messages in: { id, text, options }. Messages out: { id, type: "progress", phase,
// done, total } while working, then { id, type: "result", annotation } or
// { id, type: "error", message }.
import init, { annotate } from "../pkg/article_highlighter.js";

const ready = init();

self.onmessage = async (event) => {
  const { id, text, options } = event.data ?? {};
  const progress = (phase, done, total) => self.postMessage({ id, type: "progress", phase, done, total });
  try {
    if (typeof text !== "string") throw new TypeError("annotateInWorker(text): text must be a string");
    progress("loading", 0, text.length);
    await ready;
    progress("annotating", 0, text.length);
    const annotation = annotate(text, options);
    progress("annotating", text.length, text.length);
    self.postMessage({ id, type: "result", annotation });
  } catch (err) {
    self.postMessage({ id, type: "error", message: err instanceof Error ? err.message : String(err) });
  }
};
