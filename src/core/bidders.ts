/**
 * Prebid bidder codes → the company that bids. Each code was checked against the adapter source in
 * the installed prebid.js 11.36 (`modules/<file>`: its `code` and `aliases`), named per line.
 *
 * White-label aliases that another company runs on someone else's adapter (appnexus's
 * "beintoo", medianet's "trustedstack", 33across's "33across_mgni"…) are left out on purpose: the
 * bid comes from that other company, which we cannot name from the code alone. So is "rixengine",
 * a white-label engine whose endpoint the publisher configures (its README's example is
 * demo.svr.rixengine.com); its "algorix" alias is AlgoriX's own.
 */
import { companyOf, type Company, type CompanyId } from './companies';

const BIDDERS: Readonly<Record<string, CompanyId>> = {
  appnexus: 'xandr', // appnexusBidAdapter.js
  appnexusast: 'xandr', // appnexusBidAdapter.js alias "appnexusAst"
  msft: 'xandr', // msftBidAdapter.js (same ib.adnxs.com endpoint)
  rubicon: 'magnite', // rubiconBidAdapter.js
  magnite: 'magnite', // magniteBidAdapter.js
  ix: 'indexexchange', // ixBidAdapter.js
  pubmatic: 'pubmatic', // pubmaticBidAdapter.js
  openx: 'openx', // openxBidAdapter.js
  criteo: 'criteo', // criteoBidAdapter.js
  triplelift: 'triplelift', // tripleliftBidAdapter.js
  sovrn: 'sovrn', // sovrnBidAdapter.js
  sharethrough: 'sharethrough', // sharethroughBidAdapter.js
  smartadserver: 'equativ', // smartadserverBidAdapter.js
  smart: 'equativ', // smartadserverBidAdapter.js alias
  equativ: 'equativ', // equativBidAdapter.js
  teads: 'teads', // teadsBidAdapter.js
  improvedigital: 'improvedigital', // improvedigitalBidAdapter.js
  id: 'improvedigital', // improvedigitalBidAdapter.js alias
  yahooads: 'yahoo', // yahooAdsBidAdapter.js "yahooAds"
  yahoossp: 'yahoo', // yahooAdsBidAdapter.js alias
  yahooadvertising: 'yahoo', // yahooAdsBidAdapter.js alias "yahooAdvertising"
  medianet: 'medianet', // medianetBidAdapter.js
  gumgum: 'gumgum', // gumgumBidAdapter.js
  gg: 'gumgum', // gumgumBidAdapter.js alias
  onetag: 'onetag', // onetagBidAdapter.js
  '33across': '33across', // 33acrossBidAdapter.js
  taboola: 'taboola', // taboolaBidAdapter.js
  aps: 'amazon', // apsBidAdapter.js (Amazon Publisher Services)
  // Not a Prebid code: the name our probe gives bids read from Amazon's own apstag (ad-signals §3.5).
  amazon: 'amazon',
  ttd: 'thetradedesk', // ttdBidAdapter.js
  thetradedesk: 'thetradedesk', // ttdBidAdapter.js alias
  adf: 'adform', // adfBidAdapter.ts
  adform: 'adform', // adfBidAdapter.ts alias
  adformopenrtb: 'adform', // adfBidAdapter.ts alias "adformOpenRTB"
  richaudience: 'richaudience', // richaudienceBidAdapter.js
  ra: 'richaudience', // richaudienceBidAdapter.js alias
  seedtag: 'seedtag', // seedtagBidAdapter.js
  st: 'seedtag', // seedtagBidAdapter.js alias
  conversant: 'epsilon', // conversantBidAdapter.ts
  cnvr: 'epsilon', // conversantBidAdapter.ts alias
  epsilon: 'epsilon', // conversantBidAdapter.ts alias
  outbrain: 'outbrain', // outbrainBidAdapter.js
  kargo: 'kargo', // kargoBidAdapter.js
  nativo: 'nativo', // nativoBidAdapter.js
  ntv: 'nativo', // nativoBidAdapter.js alias
  unruly: 'unruly', // unrulyBidAdapter.js
  billow_rtb25: 'billowlink', // billow_rtb25BidAdapter.ts (endpoint adx-sg.billowlink.com)
  // Companies added with the directory (src/core/directory/companies-data.ts): each adapter's own code
  // (its `code` in metadata/modules/<file>.json, aliases left out as above).
  rhythmone: 'unruly', // rhythmoneBidAdapter.js
  grid: 'bidswitch', // gridBidAdapter.js
  nextroll: 'adroll', // nextrollBidAdapter.js
  addefend: 'addefend', // addefendBidAdapter.js
  adfusion: 'spicymobile', // adfusionBidAdapter.js
  admixer: 'admixer', // admixerBidAdapter.js
  adnuntius: 'adnuntius', // adnuntiusBidAdapter.js
  adocean: 'gemius', // adoceanBidAdapter.js
  adot: 'adot', // adotBidAdapter.js
  adrino: 'adrino', // adrinoBidAdapter.js
  ads_interactive: 'adsinteractive', // ads_interactiveBidAdapter.js
  adspirit: 'adspirit', // adspiritBidAdapter.js
  adtelligent: 'adtelligent', // adtelligentBidAdapter.js
  aduptech: 'aduptech', // aduptechBidAdapter.js
  adyoulike: 'adyoulike', // adyoulikeBidAdapter.js
  aniview: 'aniview', // aniviewBidAdapter.js
  appier: 'appier', // appierBidAdapter.js
  apstream: 'audienceproject', // apstreamBidAdapter.js
  audiencerun: 'audiencerun', // audiencerunBidAdapter.js
  between: 'between', // betweenBidAdapter.js
  bidmatic: 'bidmatic', // bidmaticBidAdapter.js
  bidtheatre: 'bidtheatre', // bidtheatreBidAdapter.js
  targetvideo: 'targetvideo', // targetVideoBidAdapter.js "targetVideo"
  brid: 'targetvideo', // bridBidAdapter.js
  browsi: 'browsi', // browsiBidAdapter.js
  connectad: 'connectad', // connectadBidAdapter.js
  cwire: 'cwire', // cwireBidAdapter.js
  definemedia: 'definemedia', // defineMediaBidAdapter.js "defineMedia"
  deltaprojects: 'deltaprojects', // deltaprojectsBidAdapter.js
  dianomi: 'dianomi', // dianomiBidAdapter.js
  dspx: 'dspx', // dspxBidAdapter.js
  edge226: 'edge226', // edge226BidAdapter.js
  etarget: 'etarget', // etargetBidAdapter.js
  feedad: 'feedad', // feedadBidAdapter.js
  fwssp: 'freewheel', // fwsspBidAdapter.js
  goldbach: 'goldbach', // goldbachBidAdapter.js
  hybrid: 'hybrid', // hybridBidAdapter.js
  vox: 'hybrid', // voxBidAdapter.js
  impactify: 'impactify', // impactifyBidAdapter.js
  inmobi: 'inmobi', // inmobiBidAdapter.js
  invibes: 'invibes', // invibesBidAdapter.js
  justpremium: 'justpremium', // justpremiumBidAdapter.js
  kueezrtb: 'kueez', // kueezRtbBidAdapter.js
  livewrapped: 'livewrapped', // livewrappedBidAdapter.js
  loopme: 'loopme', // loopmeBidAdapter.js
  madvertise: 'madvertise', // madvertiseBidAdapter.js
  mediago: 'mediago', // mediagoBidAdapter.js
  mediakeys: 'mediakeys', // mediakeysBidAdapter.js
  mediasquare: 'mediasquare', // mediasquareBidAdapter.js
  mgid: 'mgid', // mgidBidAdapter.js
  mgidx: 'mgid', // mgidXBidAdapter.js "mgidX"
  minutemedia: 'minutemedia', // minutemediaBidAdapter.js
  mobkoi: 'mobkoi', // mobkoiBidAdapter.js
  nextmillennium: 'nextmillennium', // nextMillenniumBidAdapter.js "nextMillennium"
  ogury: 'ogury', // oguryBidAdapter.js
  optout: 'optoutadvertising', // optoutBidAdapter.js
  performax: 'performax', // performaxBidAdapter.js
  pixfuture: 'pixfuture', // pixfutureBidAdapter.js
  readpeak: 'readpeak', // readpeakBidAdapter.js
  relevantdigital: 'relevantdigital', // relevantdigitalBidAdapter.js
  seedingalliance: 'seedingalliance', // seedingAllianceBidAdapter.js "seedingAlliance"
  showheroes: 'showheroes', // showheroesBidAdapter.js
  smartx: 'smartclip', // smartxBidAdapter.js
  sonobi: 'sonobi', // sonobiBidAdapter.js
  sparteo: 'sparteo', // sparteoBidAdapter.js
  viously: 'sparteo', // viouslyBidAdapter.js
  stroeercore: 'stroeer', // stroeerCoreBidAdapter.js "stroeerCore"
  stv: 'smartstream', // stvBidAdapter.js
  sublime: 'sublime', // sublimeBidAdapter.js
  tappx: 'tappx', // tappxBidAdapter.js
  undertone: 'undertone', // undertoneBidAdapter.js
  vidazoo: 'vidazoo', // vidazooBidAdapter.js
  visx: 'yoc', // visxBidAdapter.js
  welect: 'welect', // welectBidAdapter.js
  yieldlab: 'yieldlab', // yieldlabBidAdapter.js
  yieldlove: 'yieldlove', // yieldloveBidAdapter.js
  yieldmo: 'yieldmo', // yieldmoBidAdapter.js
  illumin: 'adman', // illuminBidAdapter.js
  adagio: 'adagio', // adagioBidAdapter.js
  amx: 'amx', // amxBidAdapter.js
  beachfront: 'beachfront', // beachfrontBidAdapter.js
  connatix: 'connatix', // connatixBidAdapter.js
  deepintent: 'deepintent', // deepintentBidAdapter.js
  insticator: 'insticator', // insticatorBidAdapter.js
  missena: 'missena', // missenaBidAdapter.js
  nobid: 'nobid', // nobidBidAdapter.js
  openweb: 'openweb', // openwebBidAdapter.js
  ozone: 'ozone', // ozoneBidAdapter.js
  pulsepoint: 'pulsepoint', // pulsepointBidAdapter.js
  smaato: 'smaato', // smaatoBidAdapter.js
  smilewanted: 'smilewanted', // smilewantedBidAdapter.js
  stackadapt: 'stackadapt', // stackadaptBidAdapter.js
  zeta_global: 'zeta', // zeta_globalBidAdapter.js
  zeta_global_ssp: 'zeta', // zeta_global_sspBidAdapter.js
  resetdigital: 'resetdigital', // resetdigitalBidAdapter.js
  vidoomy: 'vidoomy', // vidoomyBidAdapter.js
  apester: 'apester', // apesterBidAdapter.js
  optidigital: 'optidigital', // optidigitalBidAdapter.js
  gamoshi: 'gamoshi', // gamoshiBidAdapter.js
  smartyads: 'smartyads', // smartyadsBidAdapter.js
  underdogmedia: 'underdogmedia', // underdogmediaBidAdapter.js
  revcontent: 'revcontent', // revcontentBidAdapter.js
  vrtcal: 'vrtcal', // vrtcalBidAdapter.js
  proxistore: 'proxistore', // proxistoreBidAdapter.js
  setupad: 'setupad', // setupadBidAdapter.js
  snigel: 'snigel', // snigelBidAdapter.js
  r2b2: 'r2b2', // r2b2BidAdapter.js
  iprom: 'iprom', // ipromBidAdapter.js
  hubvisor: 'hubvisor', // hubvisorBidAdapter.ts
  caroda: 'caroda', // carodaBidAdapter.js
  glomex: 'glomex', // glomexBidAdapter.js
  holid: 'holid', // holidBidAdapter.js
  ocm: 'orangeclickmedia', // ocmBidAdapter.js
  adpone: 'adpone', // adponeBidAdapter.js
  teal: 'teal', // tealBidAdapter.js
  ccx: 'clickonometrics', // ccxBidAdapter.js
  algorix: 'algorix', // rixengineBidAdapter.js alias, the one that declares AlgoriX's vendor id 1176
};

// A Map, not the object, for look-ups: a page-supplied code such as "__proto__" must find nothing.
const BY_CODE = new Map<string, CompanyId>(Object.entries(BIDDERS));

/**
 * Prebid treats codes as case-sensitive, but pages and Prebid Server echo them in other cases
 * ("yahooads"); no two codes here differ only by case, so a case-insensitive look-up is safe.
 */
export function companyForBidder(code: string): Company | null {
  const id = BY_CODE.get(code.trim().toLowerCase());
  return id ? companyOf(id) : null;
}
