/**
 * The benchmark page: about 10,000 elements of ordinary article and feed markup with 20 ads of
 * the kinds we detect, 5 of them inserted a second after load (as lazy slots and infinite scroll
 * do). Deterministic, so runs compare.
 */
export const BENCH_ELEMENTS = 10_000;
export const BENCH_ADS = 20;
export const BENCH_LATE_ADS = 5;

function gpt(n: number): string {
  const path = `/1234/bench/slot_${n}`;
  return `<div id="div-gpt-ad-bench-${n}"><div id="google_ads_iframe_${path}_0__container__"><iframe id="google_ads_iframe_${path}_0" name="google_ads_iframe_${path}_0" width="300" height="250" srcdoc="<p>Ad ${n}</p>"></iframe></div></div>`;
}
function adsense(n: number): string {
  return `<ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px" data-ad-client="ca-pub-1" data-ad-status="filled"><iframe id="aswift_${n}" name="aswift_${n}" width="728" height="90" srcdoc="<p>Ad ${n}</p>"></iframe></ins>`;
}
function sponsored(n: number): string {
  return `<div role="article" id="bench-post-${n}"><a href="#">Brand ${n}</a> <span>Sponsored</span><p>Sponsored post ${n}.</p></div>`;
}
function taboola(n: number): string {
  return `<div id="taboola-bench-${n}"><div class="trc_rbox_container"><a href="#">Story</a><a href="#">Story</a></div></div>`;
}
const KINDS = [gpt, adsense, sponsored, taboola];

/** About `count` elements of filler: sections of paragraphs with links and emphasis, and feed posts without ads. */
function filler(count: number, seed: number): string {
  let out = '';
  let made = 0;
  let i = seed;
  while (made < count) {
    if (i % 7 === 0) {
      out += `<div role="article"><a href="#">Friend ${i}</a> <span>${i % 24} h</span><p>Post number ${i} with <em>some</em> text.</p></div>`;
      made += 5;
    } else {
      out += `<section class="ad-free section-${i % 13}"><h3>Heading ${i}</h3><p>Paragraph ${i} talks about advertising, <a href="#">a link</a> and <strong>things</strong>.</p><ul><li>one</li><li>two</li></ul></section>`;
      made += 8;
    }
    i++;
  }
  return out;
}

export function benchPageHtml(): string {
  const early = BENCH_ADS - BENCH_LATE_ADS;
  const perGap = Math.floor(BENCH_ELEMENTS / (early + 1));
  let body = '';
  for (let n = 0; n < early; n++) body += filler(perGap, n * 1000) + (KINDS[n % KINDS.length] as (n: number) => string)(n);
  body += filler(perGap, 99_000);
  const late = Array.from({ length: BENCH_LATE_ADS }, (_, k) => (KINDS[(early + k) % KINDS.length] as (n: number) => string)(early + k)).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Why This Ad benchmark</title></head><body>
<main id="main">${body}</main><div id="late"></div>
<script>
setTimeout(function () {
  document.getElementById('late').innerHTML = ${JSON.stringify(late)};
  document.title = 'late ads inserted';
}, 1000);
</script></body></html>`;
}
