/* global window, document */
/*
 * Shared by the "Why this ad?" scenario pages: runs one Prebid.js auction for one 300×250 ad unit
 * with the page's configuration, renders the winner into the slot's iframe, and — because these
 * pages declare `pubrender: 2` (the publisher renders DSA information) — writes the winning bid's
 * DSA information under the ad. When everything is on screen it sets
 * <html data-why-demo="done">, which the tests wait for.
 */
(function () {
  var ENDPOINT = document.documentElement.getAttribute('data-bidder-endpoint');

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = content;
    return el;
  }

  /** The publisher's rendering of the DSA transparency object (ad-signals.md §1.2). */
  function renderDsa(slot, dsa) {
    if (!dsa || !slot) return;
    var box = document.createElement('div');
    box.className = 'dsa-info';
    box.appendChild(text('span', '', 'On behalf of ' + dsa.behalf));
    box.appendChild(text('span', '', ' · paid by ' + dsa.paid));
    (dsa.transparency || []).forEach(function (t) {
      box.appendChild(text('span', '', ' · ' + t.domain + ' used parameters ' + (t.dsaparams || []).join(', ')));
    });
    slot.appendChild(box);
  }

  function done() {
    document.documentElement.setAttribute('data-why-demo', 'done');
  }

  /**
   * options: { code, placementId, config (merged into pbjs.setConfig), modulesNote }
   * The bidder is billow_rtb25 (a real ORTB 2.5 adapter of prebid.js) pointed at the demo bidder.
   */
  window.whyDemo = {
    run: function (options) {
      var pbjs = (window.pbjs = window.pbjs || { que: [] });
      pbjs.que = pbjs.que || [];
      pbjs.que.push(function () {
        pbjs.setConfig(Object.assign({ debug: false, userSync: { syncEnabled: false } }, options.config || {}));
        pbjs.addAdUnits([
          {
            code: options.code,
            mediaTypes: { banner: { sizes: [[300, 250]] } },
            bids: [{ bidder: 'billow_rtb25', params: { placementId: options.placementId, endpoint: ENDPOINT } }],
          },
        ]);
        pbjs.requestBids({
          timeout: 3000,
          bidsBackHandler: function () {
            var slot = document.getElementById(options.code);
            var winner = pbjs.getHighestCpmBids(options.code)[0];
            var frame = slot && slot.querySelector('iframe');
            if (winner && frame) {
              pbjs.renderAd(frame.contentDocument, winner.adId);
              renderDsa(slot, winner.meta && winner.meta.dsa);
            }
            done();
          },
        });
      });
    },
  };
})();
