// Starts the built API (dotnet TrainService.Api.dll) on a free loopback port with its own data folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DLL = process.env.TRAINSERVICE_DLL ?? path.join(ROOT, 'src/Api/bin/Debug/net10.0/linux-x64/TrainService.Api.dll');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

/** `settings` become `--Key=value` arguments; `key` goes as a bearer key with every `api()` call (keys mode). */
export async function startService(logPath, { settings = {}, key } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trainservice-browser-'));
  const log = openSync(logPath, 'w');
  const extra = Object.entries(settings).map(([name, value]) => `--${name}=${value}`);
  const child = spawn('dotnet', [DLL, '--urls', base, `--TrainService:DataDirectory=${dataDir}`, '--Serilog:MinimumLevel:Default=Warning', ...extra],
    { stdio: ['ignore', log, log] });
  const exited = new Promise(resolve => child.once('exit', resolve));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}; see ${logPath}`);
    try { if ((await fetch(`${base}/health`)).ok) break; } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`the service was not healthy within 90 s; see ${logPath}`); }
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    base,
    async api(method, route, body, asKey = key) {
      const headers = { 'Content-Type': 'application/json', ...(asKey ? { Authorization: `Bearer ${asKey}` } : {}) };
      const response = await fetch(base + route, { method, headers, body: body && JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
