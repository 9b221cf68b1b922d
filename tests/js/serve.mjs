// Starts python3's http.server on a free loopback port for a directory; returns { url, stop }.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

export async function serve(dir) {
  const port = await freePort();
  const proc = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(url); return { url, stop: () => proc.kill() }; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  proc.kill();
  throw new Error(`static server on ${url} did not start`);
}
