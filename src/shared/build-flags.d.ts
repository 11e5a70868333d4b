/**
 * Set by vite.config.ts at build time. True only in the `firefox-test` build, where the Firefox
 * end-to-end test needs a way to read the report (moz-extension pages cannot be driven over
 * WebDriver BiDi); every other build compiles the test hooks away.
 */
declare const __WTA_TEST_HOOKS__: boolean;
