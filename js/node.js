// Node entry of the package (the "node" export condition): the same API as the browser
// entry, with the WebAssembly module loaded synchronously from the package on import, so
// `import { annotate } from "article-highlighter"` works without calling init().
// Calling `await init()` anyway is harmless: it returns at once.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/article_highlighter.js";

initSync({ module: readFileSync(new URL("../pkg/article_highlighter_bg.wasm", import.meta.url)) });

export * from "../pkg/article_highlighter.js";
export { default } from "../pkg/article_highlighter.js";
