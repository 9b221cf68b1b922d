// A tiny static server (Node's http) that sends every response with a strict Content
// Security Policy, to show the package works where inline script, eval and string-to-DOM
// sinks are forbidden. Serves `dir` on a free loopback port; returns { url, stop }.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

export const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; object-src 'none'; base-uri 'none'";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8",
  ".json": "application/json", ".ts": "text/plain",
};

export async function serveWithCsp(dir, csp = STRICT_CSP) {
  const root = normalize(dir + sep);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff" });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Security-Policy": csp }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.close() };
}
