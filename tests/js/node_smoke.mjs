// Loads the RELEASE .wasm (pkg/) in Node and calls it: catches optimiser builds that do not
// instantiate, and checks the seed article and the error contract once more.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { harness, checkSeed } from "./harness.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { check, done } = harness("node-release");
const mod = await import(`${root}pkg/article_highlighter.js`);
mod.initSync({ module: readFileSync(`${root}pkg/article_highlighter_bg.wasm`) });

const seed = readFileSync(`${root}www/seed-article.txt`, "utf8");
const a = mod.annotate(seed);
checkSeed(check, a, "node");
for (const e of a.entities) {
  check(seed.slice(e.start, e.end) === e.text, `offsets of ${e.text}`, e);
}
const emoji = "👋🏽 Ângela Merkel met Vladimir Putin in Moscow.";
const b = mod.annotate(emoji);
for (const e of b.entities) check(emoji.slice(e.start, e.end) === e.text, `UTF-16 offsets after emoji: ${e.text}`, e);
check(b.entities.some((e) => e.text === "Moscow"), "entities after astral characters", b.entities);

const throws = (f, pattern, what) => {
  try { f(); check(false, what, "did not throw"); } catch (e) { check(e instanceof Error && pattern.test(e.message), what, e.message); }
};
throws(() => mod.annotate("x", { labels: ["persn"] }), /unknown label "persn"/, "unknown label throws a clear Error");
throws(() => mod.annotate("x", { colour: 1 }), /invalid options: unknown field `colour`/, "unknown option throws");
throws(() => mod.annotate("x", "person"), /expected an object, got string/, "non-object options throw");
check(mod.annotate("", undefined).entities.length === 0, "empty text gives an empty result");
const onlyPlaces = mod.annotate(seed, { labels: ["place"], quotes: false });
check(onlyPlaces.entities.every((e) => e.label === "place") && onlyPlaces.quotes.length === 0, "labels and quotes options filter");
done();
