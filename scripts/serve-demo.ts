/** `npm run demo`: serves the demo site alone, for a browser of your own with the extension installed. */
import { join } from 'node:path';
import { PROJECT_ROOT } from './lib/build';
import { startDemoServer } from './lib/demo-server';

const server = await startDemoServer([join(PROJECT_ROOT, 'scripts', 'demo-site')]);
process.stdout.write(`Demo site: ${server.siteOrigin}/ (frames from ${server.otherOrigin})\nPress Ctrl+C to stop.\n`);
