// Hostile articles and hostile calls, in headless Chromium, with the page served under a
// strict Content Security Policy (serve_csp.mjs: no inline script, no eval, Trusted Types
// required for every HTML sink). Shows that:
//   * the demo still works under that policy (no violation, no console error);
//   * article text full of markup (<script>, <img onerror>, javascript: links, &lt;
//     entities) stays text: nothing executes, no element is created from it, every span's
//     text is the slice of the input, and the panel shows it literally;
//   * highlight()/clear() on hostile DOM text restore the DOM exactly, in both modes;
//   * bad calls (invalid options, a detached root, a root with no text, a non-element root,
//     a second clear(), a text over the size limit) give a clear Error or a documented
//     no-op, never a wasm trap or a panic in the console, and the module keeps working;
//   * wrap mode stays linear on one long text node with many spans.
// Needs the release build in www/pkg (scripts/build).
import { fileURLToPath } from "node:url";
import { harness, checkSeed } from "./harness.mjs";
import { serveWithCsp } from "./serve_csp.mjs";
import { launch } from "./browser.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { check, done } = harness("hostile");

const HOSTILE = [
  `<script>window.__pwned = "script"; alert(1)</script>`,
  `"<img src=x onerror="window.__pwned='img'">," said Jay Carney in <b>Moscow</b> on Tuesday.`,
  `Click <a href="javascript:window.__pwned='link'">here</a>. &lt;script&gt;alert(2)&lt;/script&gt; &amp; ok.`,
  `"<svg onload=window.__pwned='svg'>" and <iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>, she said.`,
  `<style>body{display:none}</style><math><mi xlink:href="javascript:alert(4)">x</mi></math> Obama said "{{constructor.constructor('alert(5)')()}}".`,
].join("\n\n");

const server = await serveWithCsp(`${root}www`);
const browser = await launch();
try {
  const errors = [];
  const dialogs = [];
  const page = await browser.ctx.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const response = await page.goto(`${server.url}index.html`);
  check((response.headers()["content-security-policy"] ?? "").includes("require-trusted-types-for 'script'"), "the page is served under the strict CSP");
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });

  // 1. The demo works under the policy.
  const seed = await page.evaluate(async () => {
    const m = await import("./pkg/article_highlighter.js");
    return m.annotate(await (await fetch("seed-article.txt")).text());
  });
  checkSeed(check, seed, "csp");
  const seedMarks = await page.$$eval("#view mark.ah-mark", (ms) => ms.map((m) => m.textContent));
  check(seedMarks.includes("Jay Carney"), "under CSP the demo paints its marks", seedMarks.slice(0, 5));

  // 2. A hostile article pasted into the demo stays text.
  await page.fill("#input", HOSTILE);
  await page.click("#run");
  await page.waitForTimeout(300);
  const view = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    tags: [...new Set([...document.querySelectorAll("#view *")].map((e) => e.tagName))],
    // The panel lives in the <article-highlighter> shadow root.
    panelBad: document.getElementById("ah").shadowRoot.querySelectorAll(":is(script, img, a, svg, iframe, b, math, object, embed)").length
      + document.querySelectorAll("#panel :is(script, img, a, svg, iframe, b, style, math, object, embed)").length,
    text: document.querySelector("#view").textContent,
    quotes: document.getElementById("ah").shadowRoot.querySelector("#quotes").textContent,
    marks: [...document.querySelectorAll("#view mark")].map((m) => m.textContent),
    bodyVisible: getComputedStyle(document.body).display !== "none",
  }));
  check(view.pwned === null && dialogs.length === 0, "nothing in the article executes", { pwned: view.pwned, dialogs });
  check(view.tags.every((t) => t === "P" || t === "MARK"), "the article view holds only <p> and <mark>", view.tags);
  check(view.panelBad === 0, "the panel creates no element from article text");
  check(view.bodyVisible, "an article <style> has no effect");
  for (const literal of [`<script>window.__pwned = "script"; alert(1)</script>`, `<img src=x onerror="window.__pwned='img'">`, `&lt;script&gt;alert(2)&lt;/script&gt; &amp;`, `href="javascript:window.__pwned='link'"`]) {
    check(view.text.includes(literal), `the view shows ${JSON.stringify(literal.slice(0, 30))}… literally`);
  }
  check(view.marks.includes("Jay Carney") && view.marks.includes("Moscow"), "names in a hostile article are still found", view.marks);
  check(view.quotes.includes("<img src=x onerror="), "the quotations panel shows the hostile quote as text", view.quotes.slice(0, 200));

  // 3. annotate(): every span is the slice of the input; highlight()/clear() restore hostile DOM.
  const api = await page.evaluate(async (hostile) => {
    const m = await import("./pkg/article_highlighter.js");
    const a = m.annotate(hostile);
    const spans = [...a.entities, ...a.quotes, ...a.quotes.flatMap((q) => [q.speaker, q.cue].filter(Boolean))];
    const badSlices = spans.filter((s) => hostile.slice(s.start, s.end) !== s.text);
    const results = {};
    for (const mode of ["wrap", "css"]) {
      const div = document.createElement("div");
      for (const para of hostile.split("\n\n")) {
        const p = document.createElement("p");
        p.textContent = para;
        p.setAttribute("title", para);
        div.append(p);
      }
      document.body.append(div);
      const markup = (el) => new XMLSerializer().serializeToString(el);
      const before = markup(div);
      const nodes = [...div.querySelectorAll("p")].map((p) => p.firstChild);
      const h = m.highlight(div, { mode });
      const during = [...new Set([...div.querySelectorAll("*")].map((e) => e.tagName))];
      h.clear();
      const same = markup(div) === before && [...div.querySelectorAll("p")].every((p, i) => p.firstChild === nodes[i] && p.childNodes.length === 1);
      results[mode] = { during, same, found: h.annotation.entities.length };
      div.remove();
    }
    return { count: spans.length, badSlices, results, pwned: window.__pwned ?? null };
  }, HOSTILE);
  check(api.count > 0 && api.badSlices.length === 0, "annotate(): every span's text is text.slice(start, end)", api.badSlices);
  for (const mode of ["wrap", "css"]) {
    const r = api.results[mode];
    check(r.during.every((t) => t === "P" || t === "MARK"), `highlight(${mode}) adds only <mark>`, r.during);
    check(r.same && r.found > 0, `highlight(${mode}) then clear() restores the hostile DOM exactly`, r);
  }
  check(api.pwned === null && dialogs.length === 0, "highlighting hostile DOM executes nothing");

  // 4. Bad calls: a clear Error or a documented no-op, never a trap.
  const calls = await page.evaluate(async () => {
    const m = await import("./pkg/article_highlighter.js");
    const attempt = (f) => {
      try { const v = f(); return { ok: true, value: v }; } catch (e) { return { ok: false, isError: e instanceof Error, name: e?.constructor?.name, message: String(e?.message ?? e) }; }
    };
    const out = {};
    out.optionsNumber = attempt(() => m.annotate("Obama", 5));
    out.optionsArray = attempt(() => m.annotate("Obama", ["person"]));
    out.unknownField = attempt(() => m.annotate("Obama", { lables: ["person"] }));
    out.unknownLabel = attempt(() => m.annotate("Obama", { labels: ["persn"] }));
    out.labelsType = attempt(() => m.annotate("Obama", { labels: "person" }));
    out.quotesType = attempt(() => m.annotate("Obama", { quotes: "yes" }));
    out.badMode = attempt(() => m.highlight(document.createElement("div"), { mode: "paint" }));
    out.textRoot = attempt(() => m.highlight(document.createTextNode("Obama said.")));
    out.objectRoot = attempt(() => m.highlight({ nodeType: 1 }));
    out.tooLong = attempt(() => m.annotate("ab ".repeat(6_000_000)));
    const detached = document.createElement("div");
    detached.textContent = "Jay Carney said \"yes,\" in Moscow.";
    out.detached = attempt(() => { const h = m.highlight(detached, { mode: "wrap" }); const n = h.annotation.entities.length; h.clear(); return { n, text: detached.textContent, children: detached.childNodes.length }; });
    const empty = document.createElement("section");
    document.body.append(empty);
    out.empty = attempt(() => { const h = m.highlight(empty); const a = h.annotation; h.clear(); return { entities: a.entities.length, quotes: a.quotes.length, active: h.active }; });
    const twice = document.createElement("p");
    twice.textContent = "Obama met Putin in Moscow.";
    document.body.append(twice);
    out.secondClear = attempt(() => { const h = m.highlight(twice, { mode: "wrap" }); h.clear(); const markup = new XMLSerializer().serializeToString(twice); h.clear(); return { same: new XMLSerializer().serializeToString(twice) === markup, active: h.active }; });
    const gone = document.createElement("p");
    gone.textContent = "Obama met Putin.";
    document.body.append(gone);
    out.removedRoot = attempt(() => { const h = m.highlight(gone, { mode: "wrap" }); gone.remove(); h.clear(); return h.active; });
    const lone = "\uD800\uDC00x\uDFFF Jay Carney met \uDE00Vladimir Putin in \uD83D Paris.";
    out.lone = attempt(() => m.annotate(lone).entities.map((e) => [e.text, lone.slice(e.start, e.end)]));
    out.afterwards = attempt(() => m.annotate("Jay Carney met Vladimir Putin in Moscow.").entities.length);
    return out;
  });
  const threw = (k, re) => check(calls[k] && !calls[k].ok && calls[k].isError && re.test(calls[k].message), `${k}: throws a clear Error`, calls[k]);
  threw("optionsNumber", /invalid options: expected an object/);
  threw("optionsArray", /invalid options: expected an object/);
  threw("unknownField", /unknown field `lables`/);
  threw("unknownLabel", /unknown label "persn"/);
  threw("labelsType", /invalid options/);
  threw("quotesType", /invalid options/);
  threw("badMode", /unknown highlight mode "paint"/);
  threw("textRoot", /invalid root: expected an Element/);
  threw("objectRoot", /invalid root: expected an Element/);
  threw("tooLong", /text too long: .* the limit is 16777216 bytes/);
  check(calls.detached.ok && calls.detached.value.n >= 2 && calls.detached.value.children === 1 && calls.detached.value.text === "Jay Carney said \"yes,\" in Moscow.", "a detached root is highlighted and restored", calls.detached);
  check(calls.empty.ok && calls.empty.value.entities === 0 && calls.empty.value.quotes === 0 && calls.empty.value.active === false, "a root with no text gives an empty annotation", calls.empty);
  check(calls.secondClear.ok && calls.secondClear.value.same && calls.secondClear.value.active === false, "a second clear() does nothing", calls.secondClear);
  check(calls.removedRoot.ok && calls.removedRoot.value === false, "clear() after the root left the page is fine", calls.removedRoot);
  check(calls.lone.ok && calls.lone.value.length >= 3 && calls.lone.value.every(([a, b]) => a === b), "lone surrogates keep offsets aligned with the JS string", calls.lone);
  check(calls.afterwards.ok && calls.afterwards.value >= 3, "the module still works after every bad call", calls.afterwards);

  // 5. One long text node with many spans paints in wrap mode in linear time (it used to
  //    split the node once per span, copying the rest each time: ~200 s for 1 MB).
  const wrapTimes = await page.evaluate(async () => {
    const m = await import("./pkg/article_highlighter.js");
    const time = (reps) => {
      const div = document.createElement("div");
      div.textContent = "Jay Carney met Vladimir Putin in Moscow on Tuesday. ".repeat(reps);
      document.body.append(div);
      const t0 = performance.now();
      const h = m.highlight(div, { mode: "wrap" });
      const ms = performance.now() - t0;
      const marks = div.querySelectorAll("mark").length;
      h.clear();
      const restored = div.childNodes.length === 1;
      div.remove();
      return { ms, marks, restored };
    };
    time(2000); // warm-up
    const small = [time(2000), time(2000)].reduce((a, b) => (a.ms < b.ms ? a : b));
    const big = time(20000);
    return { small, big, ratio: big.ms / Math.max(small.ms, 20) };
  });
  check(wrapTimes.big.marks === 80000 && wrapTimes.big.restored, "wrap mode marks every span of a 1 MB text node and restores it", wrapTimes);
  check(wrapTimes.ratio < 60, "wrap mode on 10× the text takes far less than 100× the time", wrapTimes);

  const violations = await page.evaluate(() => window.__violations);
  check(violations.length === 0, "no CSP or Trusted Types violation", violations);
  check(!errors.some((e) => /unreachable|panicked|RuntimeError/.test(e)), "no wasm trap or panic", errors);
  check(errors.length === 0, "no console or page errors", errors);
} finally {
  await browser.close();
  server.stop();
}
done();
