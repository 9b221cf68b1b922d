// Benchmark articles of ~800, ~5,000 and ~100,000 words, built from the real article texts
// in ../shared/corpora/news-pages (paragraphs in page order, cycling when a size needs more
// words than the corpus has). Without that folder, the committed seed article is cycled.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
export const SIZES = [800, 5000, 100000];

function paragraphs() {
  const dir = join(root, "..", "shared", "corpora", "news-pages");
  if (existsSync(dir)) {
    const pages = readdirSync(dir).filter((d) => existsSync(join(dir, d, "article.txt"))).sort();
    const paras = pages.flatMap((p) => readFileSync(join(dir, p, "article.txt"), "utf8").split(/\n\s*\n/));
    return { source: `news-pages (${pages.length} pages)`, paras: paras.map((s) => s.trim()).filter(Boolean) };
  }
  console.log("benches: ../shared/corpora/news-pages is absent; using the seed article instead");
  const seed = readFileSync(join(root, "www", "seed-article.txt"), "utf8");
  return { source: "seed article (cycled)", paras: seed.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean) };
}

const words = (s) => s.split(/\s+/).filter(Boolean).length;

// Returns { source, texts: [{ words, text }] } for every size in SIZES.
export function texts() {
  const { source, paras } = paragraphs();
  return {
    source,
    texts: SIZES.map((target) => {
      const out = [];
      let n = 0;
      for (let i = 0; n < target; i++) {
        const p = paras[i % paras.length];
        out.push(p);
        n += words(p);
      }
      return { words: n, text: out.join("\n\n") };
    }),
  };
}
