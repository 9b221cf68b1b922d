// Types of the Node entry: the same as the browser entry.
export * from "../pkg/article_highlighter.js";
export { default } from "../pkg/article_highlighter.js";
