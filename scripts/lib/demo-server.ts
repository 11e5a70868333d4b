/**
 * The local web server for the demo site and the test pages. It listens on two ports of 127.0.0.1
 * so that pages can embed frames from a second origin, as real sites embed ad frames. HTML files
 * may use {{SITE_ORIGIN}}, {{OTHER_ORIGIN}} and {{OTHER_PORT}}; /creative draws a deterministic ad.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { answerBidRequest } from './demo-bidder';
import { buildPrebidBundle } from './prebid-bundle';
import { PROJECT_ROOT } from './build';
import { cmpScript, isConsentName } from './cmp-bundle';
import { buildGptBundle } from './gpt-bundle';

export interface DemoServer {
  /** The origin of the site itself, e.g. http://127.0.0.1:41234 */
  siteOrigin: string;
  /** A second origin, for cross-origin frames. */
  otherOrigin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Bid requests come from the page's origin to ours (the other port): allow them, with credentials as real exchanges do. */
function cors(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-origin': typeof req.headers.origin === 'string' ? req.headers.origin : '*',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type',
  };
}

const PREBID_CHUNKS = join(PROJECT_ROOT, 'node_modules', 'prebid.js', 'dist', 'chunks');

/** Module names from a `?modules=` list, each one a prebuilt chunk of the prebid.js package; null if any is not. */
export function prebidModulesParam(value: string | null): string[] | null {
  const modules = (value ?? '').split(',').filter(Boolean);
  if (!modules.length || modules.length > 20) return null;
  return modules.every((m) => /^[A-Za-z0-9_]{1,60}$/.test(m) && existsSync(join(PREBID_CHUNKS, `${m}.js`))) ? modules : null;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain, deterministic creative: a coloured box with the advertiser's name. */
export function creativeHtml(params: URLSearchParams): string {
  const w = Math.min(Number(params.get('w')) || 300, 2000);
  const h = Math.min(Number(params.get('h')) || 250, 2000);
  const brand = esc((params.get('brand') ?? 'Example Brand').slice(0, 60));
  const hue = [...brand].reduce((a, c) => a + c.charCodeAt(0), 0) % 360;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Ad</title><style>
html,body{margin:0;height:100%}
a{display:flex;flex-direction:column;justify-content:center;align-items:center;width:${w}px;height:${h}px;box-sizing:border-box;
background:hsl(${hue} 70% 45%);color:#fff;font:600 18px system-ui,sans-serif;text-decoration:none;border:1px solid #0003}
small{font-weight:400;font-size:12px;opacity:.9}
</style></head><body><a href="#" onclick="return false">${brand}<small>Advertisement</small></a></body></html>`;
}

/** `mounts` serves extra folders under a path prefix, e.g. { '/shared-pages/': '../shared/data/pages' }. */
export async function startDemoServer(roots: string[], host = '127.0.0.1', mounts: Record<string, string> = {}): Promise<DemoServer> {
  const absoluteRoots = roots.map((r) => resolve(r));
  let prebid: string | undefined;
  const prebidByModules = new Map<string, string>();
  const servers: Server[] = [];
  const origins: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/vendor/prebid.js') {
      prebid ??= buildPrebidBundle();
      res.writeHead(200, { 'content-type': TYPES['.js'] ?? 'text/javascript', 'cache-control': 'no-store' });
      res.end(prebid);
      return;
    }
    // The "Why this ad?" scenario pages (scripts/demo-site/why/): a Prebid build with the modules
    // the page names, the demo CMP with the consent the page names, the GPT stand-in.
    if (url.pathname === '/vendor/prebid-custom.js') {
      const modules = prebidModulesParam(url.searchParams.get('modules'));
      if (!modules) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('modules: a comma-separated list of prebid.js module names');
        return;
      }
      const key = modules.join(',');
      let code = prebidByModules.get(key);
      if (code === undefined) {
        code = buildPrebidBundle(modules);
        prebidByModules.set(key, code);
      }
      res.writeHead(200, { 'content-type': TYPES['.js'] ?? 'text/javascript', 'cache-control': 'no-store' });
      res.end(code);
      return;
    }
    if (url.pathname === '/vendor/cmp.js') {
      const consent = url.searchParams.get('consent') ?? '';
      if (!isConsentName(consent)) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('consent: one of the names in scripts/lib/cmp-bundle.ts');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES['.js'] ?? 'text/javascript', 'cache-control': 'no-store' });
      res.end(cmpScript(consent));
      return;
    }
    if (url.pathname === '/vendor/gpt.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'] ?? 'text/javascript', 'cache-control': 'no-store' });
      res.end(buildGptBundle(origins[1] ?? ''));
      return;
    }
    if (url.pathname === '/openrtb2/auction' && req.method === 'OPTIONS') {
      res.writeHead(204, cors(req));
      res.end();
      return;
    }
    if (url.pathname === '/openrtb2/auction' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        // answered as a bad request below
      }
      const answer = answerBidRequest(body, origins[1] ?? '');
      res.writeHead(answer.status, { ...cors(req), 'content-type': 'application/json' });
      res.end(answer.json === undefined ? '' : JSON.stringify(answer.json));
      return;
    }
    if (url.pathname === '/creative') {
      res.writeHead(200, { 'content-type': TYPES['.html'] ?? 'text/html', 'cache-control': 'no-store' });
      res.end(creativeHtml(url.searchParams));
      return;
    }
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    if (!extname(path)) path += '.html';
    let relative = normalize(path).replace(/^(\.\.[/\\])+/, '');
    let searchRoots = absoluteRoots;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (relative.startsWith(prefix)) {
        relative = relative.slice(prefix.length - 1);
        searchRoots = [resolve(dir)];
      }
    }
    for (const root of searchRoots) {
      const file = join(root, relative);
      if (!file.startsWith(root)) continue;
      try {
        let body: Buffer | string = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        if (extname(file) === '.html') {
          body = body
            .toString('utf8')
            .replaceAll('{{SITE_ORIGIN}}', origins[0] ?? '')
            .replaceAll('{{OTHER_ORIGIN}}', origins[1] ?? '')
            .replaceAll('{{OTHER_PORT}}', new URL(origins[1] ?? 'http://x:0').port);
        }
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
        return;
      } catch {
        // try the next root
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };

  for (let i = 0; i < 2; i++) {
    const server = createServer((req, res) => {
      handle(req, res).catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, host, ok));
    servers.push(server);
    origins.push(`http://${host}:${(server.address() as AddressInfo).port}`);
  }
  return {
    siteOrigin: origins[0] as string,
    otherOrigin: origins[1] as string,
    close: async () => {
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections();
          return new Promise<void>((ok) => s.close(() => ok()));
        }),
      );
    },
  };
}
