import type { Catalogue } from './catalogue.js';

/**
 * Cymraeg: Welsh, switched on with LANGUAGES=en,cy. Written to the Welsh Government's
 * plain-Welsh guidance (Cymraeg Clir): short sentences, "chi", everyday words, active
 * verbs; TermCymru's terms where it has one (cydlynydd, gwirfoddolwr, cod post,
 * manylion). Written as Welsh, not word for word from the English.
 *
 * IT AWAITS REVIEW BY A FIRST-LANGUAGE SPEAKER (see the README): the words, the
 * mutations, and the helplines (Byw Heb Ofn / Live Fear Free, 0808 80 10 800, the
 * Welsh Government's 24-hour domestic abuse helpline, as gov.wales gives it; the
 * Samaritans' Welsh-language line, 0808 164 0123, evenings).
 *
 * The letters Welsh needs (â ê î ô û ŵ ŷ) are kept: a text that has one goes as UCS-2,
 * 70 characters a segment, so these are kept shorter than the English.
 */

const PLURAL = new Intl.PluralRules('cy');

/**
 * "and N more" in Welsh. The number's form decides the words, as Intl.PluralRules('cy')
 * sorts them (zero, one, two, few, many, other): "ac un arall", "a dau arall", "a thri
 * arall", "a chwech arall" (the mutation after "a"), "ac 8 arall" (wyth: a vowel sound).
 */
function andMore(count: number): string {
  switch (PLURAL.select(count)) {
    case 'zero':
      return '';
    case 'one':
      return 'ac un arall';
    case 'two':
      return 'a dau arall';
    case 'few':
      return 'a thri arall';
    case 'many':
      return 'a chwech arall';
    default:
      // Said aloud: wyth (8), un ar ddeg (11), wyth deg (80...) start with a vowel.
      return `${/^(8|11|8\d)$/.test(String(count)) ? 'ac' : 'a'} ${count} arall`;
  }
}

/** The kinds of help, as said in a sentence. */
const CATEGORY: Catalogue['category'] = {
  shopping: 'siopa',
  medicines: 'casglu presgripsiwn',
  dogs: 'cerdded y ci',
  lifts: 'lifft',
  jobs: 'tasgau bach',
  meals: 'pryd o fwyd',
  visits: 'ymweliad',
  chat: 'galwad am sgwrs',
  listening: 'gwrando',
  teaching: 'dysgu sgìl',
  recipes: 'rysáit',
  phonehelp: 'help dros y ffôn',
  tech: 'help gyda thechnoleg',
  crafts: 'gwneud neu drwsio',
};
const OURS = new Set(Object.values(CATEGORY));

/** After "a" (and) and "gyda" (with): c, p, t take the aspirate mutation ("a thacsi", "gyda chasglu"), in our own words only. */
function afterA(word: string): string {
  if (!OURS.has(word) || /^(ch|ph|th)/.test(word)) return word;
  return word.replace(/^c/, 'ch').replace(/^p/, 'ph').replace(/^t/, 'th');
}

/** After "am", "i": the soft mutation, in our own words only ("am gasglu presgripsiwn", "am alwad"). */
function soft(word: string): string {
  if (!OURS.has(word)) return word;
  const rules: [RegExp, string][] = [
    [/^ll/, 'l'],
    [/^rh/, 'r'],
    [/^c/, 'g'],
    [/^p/, 'b'],
    [/^t/, 'd'],
    [/^g/, ''],
    [/^b/, 'f'],
    [/^d/, 'dd'],
    [/^m/, 'f'],
  ];
  for (const [from, to] of rules) if (from.test(word)) return word.replace(from, to);
  return word;
}

/** A Welsh list: "siopa, lifft a sgwrs"; "ac" before a vowel ("siopa ac ymweliad"). */
function join(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1]!;
  const vowel = /^["']?[aeiouwyâêîôûŵŷáéíóúàèìòù]/i.test(last);
  return `${items.slice(0, -1).join(', ')} ${vowel ? 'ac' : 'a'} ${vowel ? last : afterA(last)}`;
}

export const cy: Catalogue = {
  welcome: () =>
    "Helo, dyma valued: cymdogion yn helpu ei gilydd. Beth fyddai'n eich helpu, a beth allech chi ei roi? Mae eich manylion yn breifat. Awn ni ati?",
  welcomeVolunteer: () => 'Helo, dyma valued: cymdogion yn helpu ei gilydd. Diolch am fod eisiau helpu! Mae eich manylion yn breifat. Awn ni ati?',
  consentDeclined: () => 'Dim problem. Tecstiwch DECHRAU unrhyw bryd os byddwch yn newid eich meddwl. Cymerwch ofal.',
  consentLater: () => "Dim problem. Tecstiwch DECHRAU pan fydd hi'n gyfleus, ac fe awn ni ymlaen o'r fan honno.",
  askName: ({ again }) => `${again ? '' : 'Diolch. '}Beth yw eich enw cyntaf? Neu atebwch HEPGOR.`,
  askPostcode: ({ name }) => `${name ? `Diolch, ${name}. ` : ''}Beth yw eich cod post? I ddod o hyd i help yn agos atoch chi. Neu atebwch HEPGOR.`,
  askNeeds: () => "Beth fyddai'n eich helpu chi?",
  askMoreNeeds: ({ added }) => `Wedi ychwanegu ${added}. Unrhyw beth arall?`,
  askOffers: () => 'A beth allech chi ei roi? Mae gan bawb rywbeth.',
  askMoreOffers: ({ added }) => `Wedi ychwanegu ${added}. Unrhyw beth arall?`,
  doubtGift: () => "Mae gennych fwy i'w roi nag y meddyliwch: sgwrs, stori, rysáit. Beth hoffech ei rannu?",
  confirm: ({ name, postcode, needs, offers }) =>
    `${name ? `Diolch, ${name}. ` : ''}Help i chi: ${needs}. Gallwch roi: ${offers}. Cod post: ${postcode}. Ydy hyn yn iawn?`,
  askChange: () => 'Beth hoffech chi ei newid?',
  noRush: () => 'Dim brys. Anfonwch e pan fydd gennych chi, neu atebwch HEPGOR.',
  done: ({ name }) =>
    `Diolch${name ? `, ${name}` : ''}! Byddwn ni'n tecstio pan all rhywun helpu, neu pan fydd angen yr hyn rydych chi'n ei roi. DEWISLEN i newid unrhyw beth.`,

  menu: () => 'Beth hoffech chi ei wneud?',
  saved: ({ what }) => `Wedi cadw: ${what}. Tecstiwch DEWISLEN i newid rhywbeth arall.`,
  savedInstead: ({ what, before }) => `Wedi cadw: ${what}. Cyn hyn: ${before}. Tecstiwch DEWISLEN i newid eto.`,
  added: ({ what }) => `Diolch! Wedi ychwanegu ${what}. Tecstiwch DEWISLEN i newid.`,
  idle: () => 'Diolch am eich neges. Tecstiwch DEWISLEN i weld beth allwch chi ei wneud, neu CYMORTH.',
  finishFirst: () => 'Gadewch i ni orffen cofrestru yn gyntaf. Wedyn, DEWISLEN i newid unrhyw beth.',

  helpAsked: ({ hint }) => `Mae valued yn helpu cymdogion i helpu ei gilydd. ${hint} DEWISLEN am fwy, neu STOPIO i stopio.`,
  help: () =>
    'Mae valued yn rhoi cymdogion mewn cysylltiad i helpu ei gilydd. Tecstiwch DEWISLEN i newid pethau, FY NATA i weld eich manylion, neu STOPIO i stopio.',
  helpMatched: ({ name }) =>
    `Mae eich negeseuon yma yn mynd at ${name}. Atebwch RHANNU i gyfnewid rhifau, os ydych chi'ch dau eisiau. Atebwch GORFFEN pan fydd yr help drosodd.`,
  stopped: () => 'Fyddwch chi ddim yn cael rhagor o negeseuon gan valued. Tecstiwch DECHRAU os hoffech chi ddod yn ôl. Cymerwch ofal.',
  welcomeBack: () => "Croeso'n ôl i valued.",
  langChanged: () => 'Iawn, Cymraeg o hyn ymlaen.',
  myData: ({ name, postcode, needs, offers }) =>
    `Mae gennym ni eich rhif, eich negeseuon, enw ${name}, cod post ${postcode}, anghenion: ${needs}, cynigion: ${offers}. Mae ANGHOFIO FI yn eu dileu.`,
  forgetConfirm: () => "Bydd hyn yn dileu eich enw, cod post, anghenion, cynigion a negeseuon. Ydych chi'n siŵr?",
  forgotten: () => "Dyna ni. Mae eich manylion wedi'u dileu. Cymerwch ofal, ac anfonwch neges unrhyw bryd os hoffech chi ddechrau eto.",
  forgetKept: () => 'Iawn, dydyn ni ddim wedi dileu dim byd.',
  volunteerThanks: () => 'Diolch am fod eisiau helpu!',

  faq: {
    cost: "Mae valued am ddim. Mae neges aton ni'n costio'r un faint ag unrhyw neges, ac mae'r rhan fwyaf o gynlluniau'n eu cynnwys.",
    who: "Dyma valued, gwasanaeth am ddim gan wirfoddolwyr lleol. Rydyn ni'n rhoi cymdogion mewn cysylltiad i helpu ei gilydd.",
    number: 'Mae eich rhif gennym ni am eich bod wedi anfon neges aton ni. Fyddwn ni byth yn ei rannu heb ofyn. Tecstiwch STOPIO unrhyw bryd.',
    how: "Rydyn ni'n gofyn beth fyddai'n helpu a beth allech chi ei roi. Wedyn rydyn ni'n chwilio am rywun gerllaw ac yn holi'r ddau ohonoch. Dydy rhifau neb yn cael eu rhannu.",
    privacy:
      "Dim ond ein tîm sy'n gweld eich manylion. Mae helpwr yn gweld eich enw cyntaf a'ch ardal, byth eich rhif oni bai eich bod chi'ch dau yn dweud RHANNU.",
    progress: "Rydyn ni'n dal i chwilio, a byddwn ni'n tecstio cyn gynted ag y bydd rhywun yn dweud ie.",
    change: "Tecstiwch DEWISLEN i newid beth fyddai'n helpu, beth allech chi ei roi, eich enw neu eich cod post.",
    give: "Nid arian. Gall fod yn sgwrs, yn glust i wrando, yn rhywbeth rydych chi'n gallu ei wneud, neu'n hoff rysáit.",
    why: "Er mwyn dod o hyd i help yn agos atoch chi, ac i helpwr wybod beth i'ch galw. Gallwch ateb HEPGOR.",
  },
  hint: {
    choice: 'Atebwch gyda rhif eich ateb.',
    many: "Atebwch gyda'r rhifau, neu dywedwch yn eich geiriau eich hun.",
    yesNo: 'Atebwch IE neu NA.',
    name: "Atebwch gyda'ch enw cyntaf, neu HEPGOR.",
    postcode: "Atebwch gyda'ch cod post, fel SA1 1AA, neu HEPGOR.",
    words: 'Dywedwch yn eich geiriau eich hun.',
  },

  sorry: () => 'Sori, doeddwn i ddim yn deall.',
  offerCoordinator: () => "Mae'n ddrwg gen i, dydw i ddim yn deall yn iawn. Hoffech chi i rywun o'n tîm gysylltu â chi?",
  coordinatorComing: () => "Diolch. Bydd un o'n cydlynwyr yn cysylltu cyn bo hir.",
  coordinatorDeclined: () => 'Iawn. Gadewch i ni drio eto.',
  unsupportedMedia: () => "Mae'n ddrwg gen i, dim ond geiriau wedi'u teipio rydw i'n gallu eu darllen. Teipiwch eich ateb.",
  contactNotKept: () => "Diolch. Dydyn ni ddim yn cadw manylion cyswllt sy'n cael eu rhannu, er mwyn eu cadw'n breifat. Teipiwch eich ateb.",
  editedMessage: () => 'Alla i ddim gweld newid i neges ar ôl ei hanfon. Anfonwch hi eto fel neges newydd.',
  groupChat: ({ bot }) => `Helo! Rydw i'n siarad gyda phobl un i un, i gadw pethau'n breifat. Anfonwch neges ata i'n uniongyrchol${bot ? `: @${bot}` : ''}.`,
  staleButton: () => 'Roedd y botwm yna ar gyfer cwestiwn cynt.',
  sorryError: () => "Mae'n ddrwg gen i, aeth rhywbeth o'i le ar ein hochr ni. Triwch eto yn y man.",

  askVolunteerOffers: () => 'Diolch! Gyda beth allech chi helpu?',
  askDistance: () => 'Pa mor bell allech chi fynd i helpu wyneb yn wyneb?',
  askWhen: () => "Pryd ydych chi'n rhydd fel arfer? Dewiswch bob un sy'n addas.",
  askSafety: () =>
    "Cyn unrhyw help wyneb yn wyneb, efallai y bydd cydlynydd yn holi gyda chi. Mae eich rhif yn breifat oni bai eich bod yn cytuno. Ydy hynny'n iawn?",
  phoneOnly: () => 'Dim problem. Gallwch chi helpu dros y ffôn o hyd.',
  volunteerDone: ({ code }) =>
    `Rydych chi ar y rhestr, diolch! Byddwn ni'n tecstio pan fydd angen eich help. Eich cod gwirfoddolwr yw ${code}. SEIBIANT i gael hoe.`,
  paused: () => "Wedi oedi. Fyddwn ni ddim yn gofyn i chi helpu nes i chi decstio AILDDECHRAU. Diolch am bopeth rydych chi'n ei wneud.",
  resumed: () => "Croeso'n ôl! Byddwn ni'n tecstio pan fydd angen eich help.",
  nothingToPause: () => 'Dydych chi ddim wedi cynnig dim byd eto. Tecstiwch GWIRFODDOLI os hoffech chi.',
  notPaused: () => "Dydych chi ddim wedi oedi. Byddwn ni'n tecstio pan fydd angen eich help.",

  askToHelp: ({ what, place, code }) =>
    `Allwch chi helpu? ${what}${place ? ` i rywun ger ${place}` : ' i rywun, dros y ffôn'}. Atebwch IE ${code} neu NA ${code}`,
  askToHelpOffer: ({ offer, what, place, code }) =>
    `Fe ddywedoch chi y gallech chi gynnig ${offer}. Hoffai rhywun${place ? ` ger ${place}` : ''} gael ${what}. Allwch chi helpu? Atebwch IE ${code} neu NA ${code}`,
  askWhich: ({ code }) => `Ai ie yw hynny? Atebwch IE ${code} neu NA ${code}.`,
  askAccepted: ({ name, what }) =>
    `Diolch! Rydych chi'n helpu ${name} gyda ${afterA(what)}. Anfonwch negeseuon yma ac fe wnawn ni eu pasio ymlaen. Os bydd y ddau ohonoch yn ateb RHANNU, fe wnawn ni gyfnewid rhifau. GORFFEN ar y diwedd.`,
  matchFound: ({ name, what }) =>
    `Newyddion da! Mae ${name} yn gallu helpu gyda ${afterA(what)}. Anfonwch negeseuon yma ac fe wnawn ni eu pasio ymlaen. Os bydd y ddau ohonoch yn ateb RHANNU, fe wnawn ni gyfnewid rhifau. GORFFEN ar y diwedd.`,
  askTaken: () => "Diolch! Mae rhywun arall wedi dweud ie i'r cais yna'n barod.",
  askDeclined: () => 'Dim problem, diolch am roi gwybod i ni.',
  askLater: () => 'Dim problem. Diolch, fe wnawn ni ofyn i chi dro arall.',
  askUnknown: ({ code }) => `Mae'n ddrwg gen i, alla i ddim dod o hyd i gais gyda'r cod ${code}. Gwiriwch y rhif.`,
  stillLooking: ({ what }) => `Rydyn ni'n dal i chwilio am rywun i helpu gyda ${afterA(what)}. Mae cydlynydd yn gwybod, a bydd yn cysylltu.`,
  relayFrom: ({ name }) => `${name}: `,
  whichMatch: ({ names, example }) => `I bwy mae hwn? Rydych chi'n siarad gyda ${names}. Dechreuwch gyda'u henw, fel ${example}`,
  shareWaiting: ({ name }) => `Iawn. Fe wnawn ni gyfnewid rhifau pan fydd ${name} yn ateb RHANNU hefyd.`,
  sharedContact: ({ name, contact }) => `Mae ${name} yn hapus i rannu. Gallwch gysylltu ar ${contact}.`,
  sharedNoContact: ({ name }) => `Mae ${name} yn hapus i rannu, ond does dim rhif nac enw defnyddiwr i'w roi. Daliwch ati i siarad yma.`,
  matchDone: () => "Diolch. Rydyn ni wedi nodi bod hyn wedi'i wneud.",
  matchDoneBy: ({ name }) => `Mae ${name} wedi nodi bod hyn wedi'i wneud. Diolch!`,
  helperLeft: ({ what }) => `Mae'n ddrwg gennym ni, dydy eich helpwr gyda ${afterA(what)} ddim yn gallu helpu bellach. Rydyn ni'n chwilio am rywun arall.`,
  matchCancelled: ({ what }) => `Does dim angen y cais am ${soft(what)} bellach. Diolch am gynnig.`,
  followUp: ({ name, what }) => `Wnaeth ${name} helpu gyda ${afterA(what)}?`,
  followUpThanks: () => 'Da clywed hynny. Diolch am ddweud wrthon ni.',
  followUpInvite: () => 'Mae pobl sydd wedi cael help yn aml yn hoffi helpu hefyd, hyd yn oed gyda sgwrs ffôn. Os hoffech chi, tecstiwch GWIRFODDOLI.',
  followUpNotYet: () => 'Diolch am ddweud. Fe wnawn ni holi eto mewn ychydig ddyddiau.',
  followUpProblem: () => "Mae'n ddrwg gen i glywed hynny. Rydyn ni wedi dweud wrth gydlynydd, a bydd yn cysylltu cyn bo hir.",
  unreadNoted: () => "Diolch am eich neges. Bydd rhywun o'n tîm yn ei darllen. Tecstiwch DEWISLEN i weld beth allwch chi ei wneud.",
  thankOffer: ({ name }) => `Hoffech chi ddiolch i ${name}? Anfonwch eich neges nawr ac fe wnawn ni ei phasio ymlaen. Neu atebwch HEPGOR.`,
  thankSent: ({ name }) => `Diolch. Rydyn ni wedi pasio eich neges at ${name}.`,
  thanksFrom: ({ name, words }) => `Mae ${name} yn dweud: ${words}`,
  madeADifference: ({ name, what }) => `Newyddion da: mae ${name} yn dweud bod eich help gyda ${afterA(what)} wedi gwneud gwahaniaeth. Diolch!`,
  someone: 'Rhywun',
  yourHelper: 'Eich helpwr',
  newMember: 'Aelod newydd',
  problemNoWords: 'dim manylion',
  whatTheyAsked: "beth roedden nhw'n ei ofyn",

  // Coordinators are written to in English (src/effects/coordinators.ts); these are here for completeness.
  alertUnmatched: ({ what, place, need }) => `valued: neb eto ar gyfer ${what} ger ${place}. Angen ${need}. Tecstiwch NEEDS am bob angen agored.`,
  alertProblem: ({ name, what, words, contact }) => `valued: mae ${name} yn dweud bod problem gyda help ${what}: "${words}". Cysylltwch: ${contact}`,
  alertPerson: ({ name, reason, contact }) => `valued: hoffai ${name} siarad â pherson (${reason}). Cysylltwch: ${contact}`,
  verified: ({ name, code }) => `Wedi gwirio ${name} (${code}) ar gyfer help wyneb yn wyneb.`,
  verifyUnknown: ({ code }) => `Does gan ddim gwirfoddolwr y cod ${code}.`,
  openNeeds: ({ count, list }) => `Anghenion agored: ${count}. ${list}`,
  noOpenNeeds: () => 'Dim anghenion agored ar hyn o bryd.',

  crisis: ({ kind }) =>
    kind === 'medical'
      ? "Mae hyn yn swnio'n ddifrifol. Ffoniwch 999 nawr am ambiwlans. Am gyngor brys ffoniwch GIG 111. Mae ein cydlynydd yn gwybod."
      : kind === 'abuse'
        ? 'Os ydych chi mewn perygl, ffoniwch 999. Methu siarad? Arhoswch ar y lein a phwyso 55. Byw Heb Ofn, am ddim, unrhyw bryd: 0808 80 10 800. Mae ein cydlynydd yn gwybod.'
        : "Mae'n ddrwg iawn gen i eich bod yn teimlo fel hyn. Os gallech chi wneud rhywbeth, ffoniwch 999 nawr. Mae'r Samariaid yn gwrando, am ddim, ddydd a nos: 116 123. Mae ein cydlynydd yn gwybod.",
  safetyCheck: ({ kind }) =>
    kind === 'medical'
      ? "Ydych chi'n ddiogel ar hyn o bryd? Mewn argyfwng, ffoniwch 999. Am gyngor iechyd brys ffoniwch GIG 111. Atebwch IE os ydych chi'n ddiogel, neu NA."
      : kind === 'abuse'
        ? "Mae'n ddrwg gen i. Ydych chi'n ddiogel ar hyn o bryd? Mewn perygl, ffoniwch 999. Byw Heb Ofn, am ddim, unrhyw bryd: 0808 80 10 800. Atebwch IE os ydych chi'n ddiogel, neu NA."
        : "Mae'n ddrwg gen i fod pethau mor anodd. Ydych chi'n ddiogel ar hyn o bryd? Mae'r Samariaid yn gwrando, am ddim, unrhyw bryd: 116 123. Atebwch IE os ydych chi'n ddiogel, neu NA.",
  // The Samaritans' Welsh-language line (0808 164 0123) kept evening hours, 7-11pm, when this was written: to check.
  safeThanks: () => "Diolch am ddweud wrtha i. Tecstiwch ni unrhyw bryd. Mae'r Samariaid yno bob amser ar 116 123, ac yn Gymraeg ar 0808 164 0123 (7-11pm).",
  notSafe: () => 'Diolch am ddweud wrtha i. Ffoniwch 999 os ydych chi mewn perygl nawr. Rydyn ni wedi dweud wrth ein tîm, a bydd rhywun yn cysylltu.',
  alertCrisis: ({ name, words, contact }) => `valued BRYS: gall ${name} fod mewn perygl: "${words}". Cysylltwch nawr: ${contact}`,
  alertDistress: ({ name, words, contact }) =>
    `valued: gall ${name} fod yn cael trafferth: "${words}". Fe ofynnon ni a ydyn nhw'n ddiogel. Cysylltwch: ${contact}`,

  category: CATEGORY,
  choice: {
    yes: 'Ie',
    no: 'Na',
    nothingNow: 'Dim byd nawr',
    notNow: 'Dim nawr',
    change: 'Newid rhywbeth',
    allDone: 'Dyna i gyd',
    name: 'Enw',
    postcode: 'Cod post',
    needs: "Beth fyddai'n helpu",
    offers: 'Beth alla i ei roi',
    myDetails: 'Gweld fy manylion',
    talkToPerson: 'Siarad â pherson',
    deleteYes: 'Ie, dileu',
    deleteNo: 'Na, eu cadw',
    street: 'Fy stryd i yn unig',
    mile: 'Hyd at 1 filltir',
    threeMiles: 'Hyd at 3 milltir',
    fiveMiles: 'Hyd at 5 milltir',
    tenMiles: 'Hyd at 10 milltir',
    phoneOnly: 'Dros y ffôn yn unig',
    mornings: 'Boreau',
    afternoons: 'Prynhawniau',
    evenings: "Gyda'r nos",
    weekdays: 'Yn ystod yr wythnos',
    weekends: 'Penwythnosau',
    anyTime: 'Unrhyw bryd',
    notYet: 'Ddim eto',
    problem: 'Roedd problem',
    canHelp: 'Ie, galla i helpu',
    cannotHelp: 'Dim y tro hwn',
    safe: "Ydw, rydw i'n ddiogel",
    notSafe: 'Nac ydw',
  },
  none: 'dim byd eto',
  summaryMax: 42,
  notGiven: 'heb ei roi',
  yourLocation: 'eich lleoliad',
  andMore: ({ count }) => andMore(count),
  join,

  sms: {
    pickMany: 'Atebwch gyda rhifau neu eiriau.',
    pickOne: '',
  },
  telegram: {
    pickMany: 'Tapiwch y botymau, neu dywedwch yn eich geiriau eich hun.',
    pickOne: '',
  },
};
