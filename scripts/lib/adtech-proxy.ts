/**
 * A stand-in for the ad-tech internet, for tests: an HTTP proxy that answers for a list of real
 * ad-tech hostnames itself (https through CONNECT, with a self-signed certificate made at start,
 * which Chromium accepts with --ignore-certificate-errors; some of these hosts are HSTS-preloaded,
 * so plain http would not do). It never connects anywhere: a host not on the list is refused.
 * Answers: a home page for the hosts given one, bid endpoints 204, syncs a 302 to their `redir` target (or a pixel), everything else
 * a 1×1 GIF. Every request it saw is kept for the test to compare.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface SeenRequest {
  method: string;
  url: string;
  bytes: number;
}

export interface AdTechProxy {
  /** For Chromium: --proxy-server=… */
  proxyArg: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** `pages`: a home page (HTML) to serve for some hosts, e.g. an advertiser's shop with its pixels. */
export async function startAdTechProxy(hosts: readonly string[], pages: Readonly<Record<string, string>> = {}): Promise<AdTechProxy> {
  const allowed = new Set([...hosts, ...Object.keys(pages)]);
  const seen: SeenRequest[] = [];
  const pems = await generate([{ name: 'commonName', value: 'why-this-ad test ad-tech' }], { keySize: 2048, algorithm: 'sha256' });

  const answer = (req: IncomingMessage, res: ServerResponse, scheme: string): void => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      const url = new URL(req.url?.startsWith('http') ? req.url : `${scheme}://${host}${req.url ?? '/'}`);
      seen.push({ method: req.method ?? 'GET', url: url.href, bytes });
      const origin = req.headers.origin;
      const cors = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', 'access-control-allow-headers': 'content-type' } : {};
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST' });
        res.end();
        return;
      }
      if (req.method === 'POST') {
        res.writeHead(204, cors);
        res.end();
        return;
      }
      const page = pages[url.hostname];
      if (page !== undefined && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
        return;
      }
      const redir = url.searchParams.get('redir');
      if (redir && /^https?:\/\//.test(redir)) {
        res.writeHead(302, { ...cors, location: redir });
        res.end();
        return;
      }
      res.writeHead(200, { ...cors, 'content-type': 'image/gif', 'cache-control': 'no-store' });
      res.end(GIF);
    });
  };

  const tls = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => answer(req, res, 'https'));
  const proxy: Server = createHttpServer((req, res) => {
    // A plain-http request through the proxy carries the absolute URL.
    let host = '';
    try {
      host = new URL(req.url ?? '').hostname;
    } catch {
      // Not a proxy request.
    }
    if (!allowed.has(host)) {
      res.writeHead(403);
      res.end();
      return;
    }
    answer(req, res, 'http');
  });
  proxy.on('connect', (req: IncomingMessage, socket: Socket) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    if (!allowed.has(host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    // The TLS server takes the tunnel over as if the browser had connected to it directly.
    tls.emit('connection', socket);
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  const port = (proxy.address() as AddressInfo).port;
  return {
    proxyArg: `--proxy-server=http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((ok) => {
        proxy.closeAllConnections();
        proxy.close(() => ok());
      }),
  };
}
