// Types of "article-highlighter/element" (js/element.js).
import type { Annotation, HighlightHandle } from "../pkg/article_highlighter.js";

/**
 * Loads the wasm module once: from `source` when given (e.g. a compile the page started
 * early), else fetches article_highlighter_bg.wasm next to the package's JS.
 */
export function ready(source?: WebAssembly.Module | Response | URL | string | Promise<WebAssembly.Module | Response>): Promise<unknown>;

/**
 * `<article-highlighter for="id" mode="auto|css|wrap" labels="person place" quotes="off"
 *  palette="person: #ffd8a8; place: gold" floating nopanel>`
 */
export class ArticleHighlighterElement extends HTMLElement {
  /** The live highlight, or null. */
  readonly handle: HighlightHandle | null;
  /** Highlights again (after the article changed or to apply new attributes); resolves once
   *  the panel's lists are built too (a frame after the "ah-highlight" event). */
  refresh(): Promise<HighlightHandle>;
  /** The highlighting in progress (panel included), or the last one's handle. */
  settled(): Promise<HighlightHandle | null>;
  /** Takes the highlights off; the page is exactly as before. */
  clear(): void;
  /** Marks every mention of an entity and moves to the next (or previous) one. */
  showEntity(entityId: number, backwards?: boolean): void;
  /** Marks a quotation and moves to it (without an index: the next, or previous, one). */
  showQuote(index?: number, backwards?: boolean): void;
}

declare global {
  interface HTMLElementTagNameMap { "article-highlighter": ArticleHighlighterElement; }
  interface HTMLElementEventMap {
    "ah-highlight": CustomEvent<{ handle: HighlightHandle; ms: number; annotation: Annotation }>;
    "ah-error": CustomEvent<{ error: Error }>;
  }
}
