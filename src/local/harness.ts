// Local sidebar harness: serves dist/sidebar.html on 127.0.0.1 with google.script.run bridged
// to the built bundle running in the local runtime. `npm run sidebar` opens it on the sample.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { readDist } from './bundle';
import { toScriptRunValue } from './gas/script-run';
import { openSession, type AddonSession } from './session';
import { loadWorkbook } from './workbook';
import { SAMPLE } from './cli';

/** Debian's Chromium: the one scripts/browser-deps.sh installs; never a browser download. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium for the browser tests and the screenshot script. Without the background-
 * networking flags Chromium keeps trying Google's hosts, which this machine's closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Harness {
  url: string;
  server: Server;
  /** Names of server functions the page called, in order. */
  calls: string[];
  close(): Promise<void>;
}

function clientShim(): string {
  const out = buildSync({
    entryPoints: [join(__dirname, 'harness-client.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
  });
  return out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
}

/** The sidebar page as Apps Script would serve it, with the bridge loaded first. */
function page(): string {
  const html = readDist('sidebar.html');
  return html.replace('<head>', () => `<head>\n<script>${clientShim()}</script>`);
}

export function startHarness(session: AddonSession, port = 0): Promise<Harness> {
  const calls: string[] = [];
  const allowed = new Set(session.bundle.globalNames());
  const html = page();
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
      res.end(body);
    };
    if (req.method === 'GET' && (req.url === '/' || req.url === '/sidebar')) return send(200, 'text/html', html);
    const m = /^\/rpc\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return send(404, 'text/plain', 'not found');
    const name = decodeURIComponent(m[1]);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push(name);
      try {
        // As in Apps Script: only global functions, and never a private one (name ending in _).
        if (!allowed.has(name) || name.endsWith('_')) throw new Error(`Script function not found: ${name}`);
        const args = JSON.parse(body || '[]') as unknown[];
        const value = toScriptRunValue(session.bundle.call(name, ...args), 'return');
        send(200, 'application/json', JSON.stringify({ ok: true, value }));
      } catch (e) {
        send(200, 'application/json', JSON.stringify({ ok: false, error: (e as Error).message }));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        server,
        calls,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (require.main === module) {
  void (async () => {
    const session = openSession(await loadWorkbook(process.argv[2] ?? SAMPLE));
    const h = await startHarness(session, Number(process.env.PORT ?? 8080));
    console.log(`サイドバー: ${h.url}  （Ctrl+C で終了）`);
  })();
}
