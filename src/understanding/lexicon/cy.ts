/**
 * Welsh, as people text it to us: yes and no as Welsh says them (ie, iawn, do, oes,
 * ydw; na, nac oes, naddo, dim diolch), numbers, and the kinds of help in Welsh words,
 * with the mutated forms a word takes after "fy", "ei", "i" ("fy mhresgripsiwn", "ei
 * gi", "i goginio"). Welsh speakers text in both languages, often in one message
 * ("dw i angen help gyda shopping"), so every English list follows the Welsh one.
 *
 * Data only, measured on tests/understanding/corpus/cy (a small labelled Welsh
 * corpus). AWAITS REVIEW BY A FIRST-LANGUAGE SPEAKER, as the Welsh texts do.
 *
 * Words are matched as the text step leaves them: lower case, apostrophes dropped
 * ("dw i'n" is "dw in", "gyda'r" is "gydar") and the slang below applied.
 */
import { en } from './en.js';
import type { CategoryWords, Lexicon } from './types.js';

/** Typed Welsh to the words the readers know: yes, no, numbers, "and", "but", "not". */
const SLANG: Readonly<Record<string, string>> = {
  // The English list reads "iawn" as "ok"; here it stays itself, as Welsh phrases use it.
  iawn: 'iawn', ie: 'yes', ia: 'yes', na: 'no', naddo: 'no', ddim: 'not',
  ond: 'but', neu: 'or', ac: 'and', a: 'and', hefyd: 'also',
  plis: 'please', diolch: 'thanks',
  un: 'one', dau: 'two', dwy: 'two', tri: 'three', tair: 'three', pedwar: 'four', pedair: 'four', pump: 'five', pum: 'five',
  chwech: 'six', saith: 'seven', wyth: 'eight', naw: 'nine', deg: 'ten',
};

/** Welsh words that are real words, never "corrected" into a kind of help. */
const EXTRA_WORDS = [
  'helo', 'shwmae', 'sut', 'mae', 'rydw', 'dw', 'dwi', 'rwy', 'rwyf', 'ydw', 'ydy', 'ydi', 'ydych', 'ydyn', 'oes', 'do', 'nac', 'dim', 'byd', 'iawn',
  'angen', 'eisiau', 'isio', 'moyn', 'hoffwn', 'hoffi', 'rhywun', 'rhywbeth', 'gallu', 'medru', 'gallaf', 'galla', 'alla', 'allwn', 'gallwn', 'fedra',
  'gyda', 'efo', 'gydar', 'gyfer', 'chi', 'fi', 'ni', 'nhw', 'yn', 'yr', 'y', 'ar', 'am', 'i', 'fy', 'ei', 'eu', 'ein', 'eich', 'hyn', 'hynny', 'yma',
  'nawr', 'rwan', 'heddiw', 'yfory', 'fory', 'wythnos', 'nesaf', 'wedyn', 'arall', 'bach', 'cariad', 'hapus', 'bodlon', 'gwneud', 'mynd', 'dod',
  'cael', 'rhoi', 'gweld', 'gwybod', 'meddwl', 'teimlo', 'unig', 'cymraeg', 'saesneg', 'cymru', 'ffrind', 'cymydog', 'cymdogion', 'plant', 'mab', 'merch',
  'gwr', 'gwraig', 'hefyd', 'wrth', 'gwrs', 'siwr', 'bendant', 'cytuno', 'gwnaf', 'gwnaeth', 'wnaeth', 'dda', 'gwelwch', 'hepgor', 'bore', 'prynhawn',
  'pnawn', 'noson', 'penwythnos', 'sadwrn', 'llun', 'mawrth', 'mercher', 'gwener', 'amser', 'unrhyw', 'bryd', 'pryd', 'pwy', 'beth', 'pam', 'ble',
  'faint', 'diogel', 'ddiogel', 'maen', 'dwin', 'fin', 'nin', 'chin', 'hynnyn', 'gywir', 'cywir', 'perffaith', 'hyfryd', 'ardderchog', 'gret', 'grêt',
];

/* Only "pryd" as a question with a verb after it: alone it is also a meal (pryd o fwyd). */
/** Welsh cues, then the English ones: people mix the two. */
function both(welsh: CategoryWords, english: CategoryWords): CategoryWords {
  return { cues: [...welsh.cues, ...english.cues], weak: [...(welsh.weak ?? []), ...(english.weak ?? [])] };
}

const c = en.categories;

export const cy: Lexicon = {
  ...en,
  lang: 'cy',
  slang: { ...en.slang, ...SLANG },
  extraWords: [...en.extraWords, ...EXTRA_WORDS],

  categories: {
    shopping: both({ cues: ['siopa', 'siop', 'siopau', 'neges', 'negesau', 'archfarchnad', 'nwyddau'], weak: ['bwyd', 'llaeth', 'llefrith', 'bara', 'wyau'] }, c.shopping),
    medicines: both(
      {
        cues: [
          'presgripsiwn', 'bresgripsiwn', 'mhresgripsiwn', 'phresgripsiwn', 'presgripsiynau', 'bresgripsiynau', 'mhresgripsiynau', 'moddion', 'foddion',
          'meddyginiaeth', 'feddyginiaeth', 'meddyginiaethau', 'feddyginiaethau', 'fferyllfa', 'fferyllydd', 'cemist',
        ],
        weak: ['tabledi', 'pils'],
      },
      c.medicines,
    ),
    dogs: both({ cues: ['ci', 'gi', 'nghi', 'cwn', 'cŵn', 'gŵn', 'cath', 'gath', 'nghath', 'cathod', 'anifail', 'anifeiliaid', 'milfeddyg', 'cerdded y ci', 'âr ci'] }, c.dogs),
    lifts: both({ cues: ['lifft', 'lifftiau', 'gyrru', 'yrru', 'tacsi', 'nghar', 'mynd â fi', 'mynd a fi', 'mynd â mi'], weak: ['apwyntiad', 'ysbyty', 'meddyg', 'doctor', 'deintydd', 'bws'] }, c.lifts),
    jobs: both(
      { cues: ['tasgau', 'tasg', 'jobsys', 'jobyn', 'trwsio', 'drwsio', 'gardd', 'ardd', 'ngardd', 'garddio', 'arddio', 'torri gwair', 'gwair', 'glanhau', 'lanhau', 'biniau', 'bin', 'bylb', 'bwlb'] },
      c.jobs,
    ),
    meals: both({ cues: ['pryd o fwyd', 'prydau', 'bwyd poeth', 'cinio', 'ginio', 'swper', 'coginio', 'goginio', 'pobi', 'bobi', 'cawl', 'gawl', 'cacen', 'gacen', 'cacennau', 'picau', 'pice ar y maen'], weak: ['bara brith', 'bwyd'] }, c.meals),
    visits: both({ cues: ['ymweliad', 'ymweld', 'galw heibio', 'galw draw', 'dod draw', 'dod i weld', 'paned', 'baned', 'cwmni', 'gwmni', 'wyneb yn wyneb'] }, c.visits),
    chat: both({ cues: ['sgwrs', 'sgwrsio', 'siarad', 'galwad', 'alwad', 'ffonio', 'ffonio fi', 'ffôn', 'ffon', 'unig', 'unigrwydd', 'clonc', 'rhywun i siarad'], weak: ['ffrind'] }, c.chat),
    listening: both({ cues: ['gwrando', 'wrando', 'clust', 'glust'] }, c.listening),
    teaching: both({ cues: ['dysgu', 'ddysgu', 'gwers', 'gwersi', 'wersi', 'sgil', 'sgìl', 'sgiliau', 'tiwtor', 'dangos sut'] }, c.teaching),
    recipes: both({ cues: ['rysáit', 'rysait', 'ryseitiau', 'sut i wneud'] }, c.recipes),
    phonehelp: both({ cues: ['ffurflen', 'ffurflenni', 'biliau', 'bil', 'cyngor', 'budd-daliadau', 'budd', 'daliadau', 'pensiwn', 'banc', 'gwaith papur', 'cyfieithu'], weak: ['llythyr', 'llythyrau', 'post'] }, c.phonehelp),
    tech: both({ cues: ['cyfrifiadur', 'gyfrifiadur', 'nghyfrifiadur', 'gliniadur', 'technoleg', 'dechnoleg', 'thechnoleg', 'rhyngrwyd', 'ebost', 'e-bost', 'ffôn clyfar', 'ap', 'apiau', 'cyfrinair'] }, c.tech),
    crafts: both({ cues: ['gwau', 'wau', 'gwnïo', 'gwnio', 'wnio', 'crosio', 'trwsio dillad', 'gwneud cardiau', 'gwneud neu drwsio'] }, c.crafts),
  },
  topics: { ...en.topics, knitting: ['gwau', 'wau', ...(en.topics.knitting ?? [])], welsh: ['cymraeg', 'welsh', ...(en.topics.welsh ?? []).filter((w) => w !== 'cymraeg' && w !== 'welsh')] },
  teachable: [...en.teachable, 'gwau', 'crosio'],

  frames: {
    ...en.frames,
    need: [
      'dw|dwi|rydw|rwy|rwyf|ydw i? angen|eisiau|isio|moyn', 'mae angen', 'angen help|rhywun', 'baswn|byswn|hoffwn|licwn in? hoffi|licio? cael?', 'hoffwn|licwn',
      'rhywun i', 'oes rhywun', 'helpwch fi', 'help i mi|fi', 'fyddai|bysai|basai in help', ...en.frames.need,
    ],
    inability: ['methu|ffaelu mynd|cyrraedd|cario|cerdded|gyrru|coginio|plygu|sefyll|gweld|gwneud', 'alla|fedra i not', ...en.frames.inability],
    polite: ['allai|allech|fedrai|fedrech|gallai|gallech rhywun|chi', 'oes rhywun all|allai|fedrai', ...en.frames.polite],
    gift: [
      'gallaf|galla|alla|gallwn|allwn|medraf|medra|fedra|fedrwn i?', 'dw|dwi|rydw|rwy|rwyf|ydw in? gallu|medru|hoffi|fodlon|hapus', 'hapus i', 'yn? fodlon', 'bodlon',
      'dw|dwi|rydw|rwy in? dda am|gyda|efo', 'da am|gyda|efo', 'mi wna i', 'gwnaf', 'gallu|medru helpu|gwneud|coginio|gyrru|ffonio|gwrando|dysgu|siarad|sgwrsio',
      'i gynnig', 'cynnig', ...en.frames.gift,
    ],
    giftAtStart: ['gallu|medru|alla|galla|fedra', ...en.frames.giftAtStart],
    notGift: ['arfer gwau|coginio|gyrru|dysgu|pobi|gwneud', 'roeddwn in arfer', ...en.frames.notGift],
  },
  doubt: [
    'dim byd i roi|gynnig|gynnig', 'dim llawer i roi|gynnig', 'da i not', 'da i ddim', 'dim yn dda i', 'rhy hen', 'beth allwn|alla|fedrwn i', 'pwy fyddai eisiau|isio|moyn',
    'dim defnydd', 'dwi ddim yn siwr beth', 'dw i not yn siwr beth', 'dwi not yn siwr beth', ...en.doubt,
  ],
  modest: ['dim llawer', 'dim lot', 'os yw hynny yn? cyfrif', ...en.modest],
  nothing: ['dim byd', 'dim', 'dim byd nawr|rwan', 'dim nawr|rwan', 'dim thanks', 'dim angen', 'dim byd thanks', 'dwin iawn', 'dw in iawn', 'rydw in iawn', 'iawn thanks', ...en.nothing],
  declined: ['dw|dwi|rydw i? not angen|eisiau|isio', 'dim angen dim byd|help', ...en.declined],

  yes: {
    core: [
      'iawn', 'oes', 'ydw', 'ydy|ydi ~ e|hi|o|fe|hyn|hynny|rhywun|valued', 'ydyn', 'ydan', 'do ~ you|u|not|i|we|they|need|have|know|it|this|that|what', 'wrth gwrs', 'siwr', 'siŵr', 'siwr iawn', 'siŵr iawn',
      'yn bendant', 'bendant', 'cytuno', 'awn ni', 'awn', 'ie plis|please', 'yes please', 'os gwelwch yn dda', 'grêt', 'gret', 'hyfryd', 'iawn te|then', ...en.yes.core,
    ],
    accept: ['gallaf', 'galla i', 'alla i', 'mi alla i', 'medra', 'medraf', 'hapus i helpu', 'dim problem', 'mi wna i', 'gwnaf', ...en.yes.accept],
    ask: ['gallaf', 'galla i', 'alla i', 'medra i?', 'mi wna i', 'gwnaf', ...en.yes.ask],
    confirm: ['cywir', 'yn gywir', 'hynnyn iawn|gywir', 'maen iawn|gywir', 'perffaith', 'ardderchog', 'da iawn', ...en.yes.confirm],
    checkin: ['do', 'do wir', 'mi wnaeth', 'fe wnaeth', 'wnaeth', 'gwnaeth', 'do thanks', 'yn wych', 'gwych', 'bendigedig', ...en.yes.checkin],
    safe: ['ydw', 'dwin iawn|ddiogel', 'dw|dwi|rydw|rwy in iawn|ddiogel', 'yn ddiogel', 'diogel', 'iawn', ...en.yes.safe],
  },
  no: [
    'nac oes|ydw|ydy|ydi|ydyn|ydych|ydan|ydw', 'dim thanks', 'dim y tro hwn', 'ddim y tro hwn', 'alla|fedra|galla i not', 'methu', 'ffaelu', 'dim heddiw', 'dim diddordeb', 'dim o gwbl',
    'anghywir', 'ddim yn iawn', 'not yn iawn', ...en.no,
  ],
  later: ['wedyn', 'nes ymlaen', 'rywbryd arall', 'rhywbryd arall', 'tro nesaf', 'tro arall', 'wythnos nesaf', 'not eto', 'dim eto', 'yfory', 'fory', 'gofynnwch eto', ...en.later],
  notNow: ['dim nawr|rwan', 'not nawr|rwan|heddiw', 'dim heddiw', ...en.notNow],
  yesDespiteNo: ['dim problem', 'dim trafferth', ...en.yesDespiteNo],
  problem: ['problem', 'not wedi dod', 'heb ddod', 'wnaeth not dod', 'ddaeth neb', 'anghwrtais', 'cas', 'gofyn am arian', ...en.problem],
  idleProblem: ['heb ddod', 'ddaeth neb', 'anghwrtais', 'gofyn am arian', ...en.idleProblem],
  notAProblem: ['dim problem', ...en.notAProblem],
  questions: {
    cost: ['am ddim', 'faint', 'cost', 'costio', 'talu', 'arian', ...en.questions.cost],
    who: ['pwy ydych|ydy|yw|sy', 'pwy yw hwn|hyn', 'sgam', 'person go iawn', ...en.questions.who],
    number: ['fy rhif', 'sut cawsoch|gawsoch', 'y rhif yma|hwn', ...en.questions.number],
    how: ['sut maen gweithio', 'sut mae hyn yn gweithio', 'beth sy nesaf', 'beth syn digwydd', 'beth ydych chi yn feddwl', ...en.questions.how],
    privacy: ['pwy fydd yn gweld', 'pam ydych chi angen', 'preifat', ...en.questions.privacy],
    progress: ['pryd fydd|bydd|ydych|mae', 'unrhyw newyddion', 'oes newyddion', 'dal i aros', ...en.questions.progress],
    change: ['newid fy', 'ychwanegu', ...en.questions.change],
    give: ['ydy e yn arian', 'ai arian', 'pa fath o', ...en.questions.give],
    why: ['pam', ...en.questions.why],
  },
  questionStarts: { ...en.questionStarts, wh: ['pwy', 'beth', 'be', 'pam', 'sut', 'ble', 'lle', 'faint', ...en.questionStarts.wh] },
  times: {
    mornings: ['bore', 'boreau', 'yn y bore', 'boreuau', ...en.times.mornings],
    afternoons: ['prynhawn', 'prynhawniau', 'pnawn', 'pnawniau', ...en.times.afternoons],
    evenings: ['gydar nos', 'nos', 'nosweithiau', 'noson', 'min nos', ...en.times.evenings],
    weekdays: ['dydd llun|mawrth|mercher|iau|gwener', 'yn ystod yr wythnos', 'yn yr wythnos', ...en.times.weekdays],
    weekends: ['penwythnos', 'penwythnosau', 'dydd sadwrn|sul', 'sadwrn', 'sul', ...en.times.weekends],
    any: ['unrhyw bryd|amser', 'bob amser', 'pryd bynnag', 'unrhyw ddiwrnod', ...en.times.any],
  },
  nameFrames: ['fy enw i? yw|ydy|ydi', 'enw fi yw|ydy', 'fi yw', 'galwch fi', ...en.nameFrames],
  notNames: [
    ...en.notNames, 'ie', 'na', 'helo', 'shwmae', 'su', 'mae', 'bore', 'da', 'dim', 'byd', 'siopa', 'oes', 'ydw', 'ydy', 'do', 'naddo', 'nac', 'hepgor', 'cymraeg',
    'saesneg', 'english', 'welsh', 'fi', 'chi', 'ni', 'nhw', 'yn', 'yr', 'y', 'angen', 'eisiau', 'isio', 'moyn', 'plis', 'sori', 'hwyl', 'ta', 'ta-ta',
  ],
  safeBut: ['ond', 'am nawr', 'am heno', 'heno', 'ar hyn o bryd', ...en.safeBut],
  skip: ['=hepgor', 'gwell gen i beidio', 'gwell gennyf beidio', 'dim cod post', 'not yn gwybod', 'dwi not yn gwybod', 'dim syniad', 'not yn cofio', ...en.skip],

  crisis: {
    ...en.crisis,
    danger: {
      self: ['lladd fy hun', 'ladd fy hun', 'eisiau|isio|moyn marw', 'rhoi diwedd ar fy mywyd|bywyd', 'gorffen y cyfan', 'hunanladdiad', 'dim pwynt byw', 'gwell fy myd yn farw', ...en.crisis.danger.self],
      medical: ['poen yn fy mrest|mrest', 'poen yn y frest', 'methu|ffaelu anadlu', 'wedi cwympo|syrthio', 'strôc', 'stroc', 'trawiad', 'gwaedu', 'anymwybodol', ...en.crisis.danger.medical],
      abuse: ['yn fy nharo', 'fy nharo i', 'wedi fy nharo', 'maen fy mrifo', 'wedi fy mrifo', 'yn fy mygwth', 'cam-drin', 'cam drin', 'ofn fy ngŵr|ngwr|mhartner|mab|nghariad', ...en.crisis.danger.abuse],
    },
    possible: {
      self: ['dim pwynt', 'yn isel', 'isel iawn', 'methu ymdopi', 'not yn gallu ymdopi', 'neb yn poeni', 'neb yn malio', ...en.crisis.possible.self],
      medical: ['sâl iawn', 'yn sâl', 'pendro', ...en.crisis.possible.medical],
      abuse: ['ofn', 'yn gweiddi arna i', 'mae gen i ofn', ...en.crisis.possible.abuse],
    },
  },
};
