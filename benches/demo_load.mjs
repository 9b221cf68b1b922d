// Loads the demo page once and reads its first-highlight timings, without the harness
// running anything in the page while it loads.
//
// Playwright's page.waitForSelector / getAttribute / evaluate first evaluate Playwright's
// own injected script in the page: a trace of the demo showed an 8 ms `EvaluateScript` on
// the page's main thread between the module's compile and the first highlight, which
// counted in the page's own timing. No reader's browser runs that script. So this goes to
// the page (`waitUntil: "commit"`, Playwright waits for nothing else) and polls the body's
// dataset with raw DevTools-protocol `Runtime.evaluate` calls of one property read.
//
// Those reads run on the page's main thread too: polled every 10 ms from the start, the
// reads that fell inside the load added 1.6 ms to the median first highlight (40 loads of
// each way, interleaved). So the first read waits until the page has most likely finished
// (its first highlight comes 100-200 ms after navigation); the figure is the page's own
// timestamp, whenever it is read.
const FIRST_READ_MS = 400;
const POLL_MS = 10;
const TIMEOUT_MS = 20000;

/** Loads `url` in a new page of `ctx`; returns `{ ms, navMs, mentions }` (the page's
 *  `data-first-highlight-*` attributes, as numbers). */
export async function loadDemo(ctx, url) {
  const page = await ctx.newPage();
  try {
    const cdp = await ctx.newCDPSession(page);
    await page.goto(url, { waitUntil: "commit" });
    await new Promise((done) => setTimeout(done, FIRST_READ_MS));
    const read = "(() => { const d = document.body?.dataset; return d?.firstHighlightMs ? [d.firstHighlightMs, d.firstHighlightNavMs, d.firstHighlightMentions] : null; })()";
    for (let waited = 0; waited < TIMEOUT_MS; waited += POLL_MS) {
      const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression: read, returnByValue: true });
      if (exceptionDetails) throw new Error(`${url}: ${exceptionDetails.text}`);
      if (result.value) {
        const [ms, navMs, mentions] = result.value.map(Number);
        return { ms, navMs, mentions, page };
      }
      await new Promise((done) => setTimeout(done, POLL_MS));
    }
    throw new Error(`${url}: no first highlight after ${TIMEOUT_MS} ms`);
  } catch (err) {
    await page.close();
    throw err;
  }
}
