/**
 * One source, two extensions: `vite build` makes the Chrome MV3 build in dist/chrome, and
 * `vite build --mode firefox` the Firefox MV3 build in dist/firefox. Everything specific to
 * @crxjs/vite-plugin and to the browsers' manifest differences stays in this file.
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { buildSync } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

// Both run at document_start (one in the MAIN world), so they must be self-contained IIFEs:
// crxjs's default loader imports content scripts asynchronously, which would miss the page's start.
const STANDALONE = ['src/content/index.ts', 'src/page/index.ts'];
const GECKO_ID = 'why-this-ad@why-this-ad.example';

/**
 * Firefox MV3 has no service worker: the same module runs as an event page (background.scripts),
 * which is what crxjs expects in the source manifest when building for Firefox. Firefox 142 is
 * the first to accept `world: "MAIN"` content scripts without work-arounds and to know
 * data_collection_permissions (we collect nothing, and say so).
 */
function manifestFor(firefox: boolean): ManifestV3Export {
  if (!firefox) return manifest as ManifestV3Export;
  const { background, ...rest } = manifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: { id: GECKO_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    },
  } as unknown as ManifestV3Export;
}

/**
 * The GPC script is registered by the background at run time (only while the person asks for GPC),
 * so the manifest does not name it and crxjs does not build it: this emits it as a tiny IIFE.
 */
function gpcScript(): Plugin {
  return {
    name: 'why-this-ad:gpc-script',
    generateBundle() {
      const out = buildSync({ entryPoints: ['src/page/gpc.ts'], bundle: true, minify: true, format: 'iife', target: 'es2022', write: false });
      this.emitFile({ type: 'asset', fileName: 'src/page/gpc.js', source: out.outputFiles[0]?.text ?? '' });
    },
  };
}

export default defineConfig(({ mode }) => {
  // `firefox-test` is the Firefox build plus test hooks, for the Firefox end-to-end test only.
  const firefox = mode === 'firefox' || mode === 'firefox-test';
  const testHooks = mode === 'firefox-test';
  // `chrome-bench`: the Chrome build plus timings of each scan, for `npm run bench` only.
  const benchHooks = mode === 'chrome-bench';
  return {
    define: { __WTA_TEST_HOOKS__: JSON.stringify(testHooks), __WTA_BENCH__: JSON.stringify(benchHooks) },
    plugins: [
      preact(),
      gpcScript(),
      crx({
        manifest: manifestFor(firefox),
        browser: firefox ? 'firefox' : 'chrome',
        contentScripts: { standaloneFiles: STANDALONE },
      }),
    ],
    build: {
      outDir: testHooks ? 'dist/firefox-test' : benchHooks ? 'dist/chrome-bench' : firefox ? 'dist/firefox' : 'dist/chrome',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // Pages the manifest does not name must be listed for the build to include them.
      // The log benchmark's page exists only in the bench build.
      rollupOptions: { input: { welcome: 'src/ui/welcome/index.html', settings: 'src/ui/settings/index.html', ...(benchHooks ? { logBench: 'src/ui/log-bench/index.html' } : {}) } },
    },
    server: { port: 5199, strictPort: true },
  };
});
