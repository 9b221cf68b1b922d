import type { Annotation, AnnotateOptions } from "../pkg/article_highlighter.js";

/** Progress of one worker call: `done` of `total` UTF-16 code units. */
export interface AnnotateProgress { phase: "loading" | "annotating"; done: number; total: number }

/** A Web Worker running annotate() off the main thread. */
export interface WorkerAnnotator {
  /** Annotates `text` in the worker; resolves to the same result as annotate(). */
  annotate(text: string, options?: AnnotateOptions, callbacks?: { onProgress?: (p: AnnotateProgress) => void }): Promise<Annotation>;
  /** Stops the worker; pending calls reject. */
  terminate(): void;
}

/** Starts a module worker (default: the package's js/worker.js). */
export function createAnnotator(config?: { workerUrl?: string | URL }): WorkerAnnotator;
