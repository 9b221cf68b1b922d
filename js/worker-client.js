// Annotation in a Web Worker: `const annotator = createAnnotator();` then
// `await annotator.annotate(text, options, { onProgress })`. The page stays responsive
// however long the article is; errors reject the promise with an Error. `terminate()`
// stops the worker (pending calls reject).

/**
 * @param {{ workerUrl?: string | URL }} [config]
 */
export function createAnnotator(config = {}) {
  const url = config.workerUrl ?? new URL("./worker.js", import.meta.url);
  const worker = new Worker(url, { type: "module" });
  const pending = new Map();
  let next = 0;
  worker.onmessage = (event) => {
    const msg = event.data;
    const call = pending.get(msg.id);
    if (!call) return;
    if (msg.type === "progress") {
      call.onProgress?.({ phase: msg.phase, done: msg.done, total: msg.total });
    } else {
      pending.delete(msg.id);
      if (msg.type === "result") call.resolve(msg.annotation);
      else call.reject(new Error(msg.message));
    }
  };
  worker.onerror = (event) => {
    const err = new Error(`annotation worker failed: ${event.message ?? "unknown error"}`);
    for (const call of pending.values()) call.reject(err);
    pending.clear();
  };
  return {
    /** Annotates `text` in the worker; resolves to the same result as annotate(). */
    annotate(text, options, { onProgress } = {}) {
      return new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject, onProgress });
        worker.postMessage({ id, text, options });
      });
    },
    /** Stops the worker; calls still pending reject. */
    terminate() {
      worker.terminate();
      for (const call of pending.values()) call.reject(new Error("annotation worker terminated"));
      pending.clear();
    },
  };
}
