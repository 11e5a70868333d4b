/* global window */
/*
 * The IAB stubs for __tcfapi (TCF 2.2) and __gpp (GPP 1.1), as a CMP puts them on a page before
 * its code loads: every call is queued, `ping` is answered at once, and calling the function with
 * no arguments hands over the queue. The CMP APIs (@iabtechlabtcf/cmpapi and @iabgpp/cmpapi) take
 * the queue when they start and answer each queued call then.
 */
(function () {
  function stub(name, ping) {
    if (typeof window[name] === 'function') return;
    var queue = [];
    window[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      if (!args.length) return queue;
      if (args[0] === 'ping') {
        var callback = name === '__gpp' ? args[1] : args[2];
        if (typeof callback === 'function') callback(ping(), true);
        return undefined;
      }
      queue.push(args);
      return undefined;
    };
  }
  stub('__tcfapi', function () {
    return { gdprApplies: undefined, cmpLoaded: false, cmpStatus: 'stub', displayStatus: 'hidden', apiVersion: '2.2' };
  });
  stub('__gpp', function () {
    return { gppVersion: '1.1', cmpStatus: 'stub', cmpDisplayStatus: 'hidden', signalStatus: 'not ready', supportedAPIs: [], cmpId: 0, sectionList: [], applicableSections: [-1], gppString: '', parsedSections: {} };
  });
})();
