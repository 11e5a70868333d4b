/* global window, document, localStorage */
/*
 * The demo site's consent banner (consent/index.html). On a first visit it shows the banner; the
 * answer is kept in localStorage, as CMPs keep theirs, so later visits load the CMP at once. Once
 * answered, the page loads the demo CMP (/vendor/cmp.js) with the consent that answer means,
 * which takes over the stubs' queued calls, and then runs its ad auction.
 */
(function () {
  var KEY = 'why-this-ad-demo-consent';
  var root = document.documentElement;
  // The demo CMP's consent names (scripts/lib/cmp-bundle.ts CONSENT_CHOICES) for each answer.
  var CONSENT = { accept: root.getAttribute('data-accept-consent'), reject: root.getAttribute('data-reject-consent') };
  var banner = document.getElementById('wta-consent-banner');
  var change = document.getElementById('wta-consent-change');

  function stored() {
    try {
      var answer = localStorage.getItem(KEY);
      return answer === 'accept' || answer === 'reject' ? answer : null;
    } catch {
      return null;
    }
  }

  function loadCmp(answer) {
    var script = document.createElement('script');
    script.src = '/vendor/cmp.js?consent=' + encodeURIComponent(CONSENT[answer]);
    script.onload = function () {
      change.hidden = false;
      window.whyDemo.run({
        code: 'why-ad',
        placementId: 'why-consent-refused',
        config: {
          consentManagement: { gdpr: { cmpApi: 'iab', timeout: 3000 }, gpp: { cmpApi: 'iab', timeout: 3000 } },
          gvlMapping: { billow_rtb25: 32 },
          ortb2: { regs: { ext: { dsa: { dsarequired: 3, pubrender: 2, datatopub: 2 } } } },
        },
      });
    };
    document.head.appendChild(script);
  }

  function answer(choice) {
    try {
      localStorage.setItem(KEY, choice);
    } catch {
      // Storage refused: the answer holds for this visit only.
    }
    banner.hidden = true;
    loadCmp(choice);
  }

  document.getElementById('wta-consent-accept').addEventListener('click', function () {
    answer('accept');
  });
  document.getElementById('wta-consent-reject').addEventListener('click', function () {
    answer('reject');
  });
  change.addEventListener('click', function () {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // nothing kept
    }
    window.location.reload();
  });

  var earlier = stored();
  if (earlier) loadCmp(earlier);
  else banner.hidden = false;
})();
