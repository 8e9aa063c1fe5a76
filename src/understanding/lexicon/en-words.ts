/**
 * English as people text it: the slang, shortenings and contractions that the
 * understanding step turns into the words meant, before anything else reads them.
 */

/** Typed word to words meant. Keys are lower case, apostrophes kept where typed. */
export const SLANG: Readonly<Record<string, string>> = {
  // Contractions, with and without the apostrophe
  im: 'i am', "i'm": 'i am', ima: 'i am going to',
  ive: 'i have', "i've": 'i have',
  id: 'i would', "i'd": 'i would',
  "i'll": 'i will', ill: 'ill',
  dont: 'do not', "don't": 'do not', doesnt: 'does not', "doesn't": 'does not', didnt: 'did not', "didn't": 'did not',
  cant: 'can not', "can't": 'can not', cannot: 'can not', carnt: 'can not', cnt: 'can not',
  wont: 'will not', "won't": 'will not', wouldnt: 'would not', couldnt: 'could not', shouldnt: 'should not',
  isnt: 'is not', arent: 'are not', wasnt: 'was not', werent: 'were not', aint: 'am not', "ain't": 'am not',
  havent: 'have not', hasnt: 'has not', hadnt: 'had not', "daren't": 'dare not', darent: 'dare not', mustnt: 'must not',
  youre: 'you are', "you're": 'you are', youve: 'you have', "you've": 'you have', youll: 'you will', "you'll": 'you will',
  theyre: 'they are', "they're": 'they are', theyve: 'they have', "they've": 'they have',
  hes: 'he is', "he's": 'he is', shes: 'she is', "she's": 'she is', "he'll": 'he will', "she'll": 'she will',
  "it's": 'it is', its: 'it is', thats: 'that is', "that's": 'that is', theres: 'there is', "there's": 'there is',
  whats: 'what is', "what's": 'what is', wots: 'what is', wats: 'what is', wheres: 'where is', "where's": 'where is',
  whos: 'who is', "who's": 'who is', "who'd": 'who would', whod: 'who would', "she'd": 'she would', "he'd": 'he would', "they'd": 'they would',
  "we'd": 'we would', "you'd": 'you would', "that'd": 'that would', "it'd": 'it would', hows: 'how is', "how's": 'how is', whens: 'when is',
  lets: 'let us', "let's": 'let us', gonna: 'going to', wanna: 'want to', gotta: 'got to', dunno: 'do not know', idk: 'i do not know',
  "we're": 'we are', "we've": 'we have', "we'll": 'we will', "would've": 'would have', "could've": 'could have',
  // Text-speak
  u: 'you', yu: 'you', ur: 'your', yr: 'your', r: 'are', cud: 'could', cld: 'could', cn: 'can', wud: 'would', wld: 'would',
  shud: 'should', shld: 'should', wiv: 'with', w: 'with', wat: 'what', wot: 'what', wen: 'when', hav: 'have', av: 'have',
  pls: 'please', plz: 'please', plse: 'please', pleeease: 'please', pleeze: 'please', plis: 'please', thx: 'thanks', thnx: 'thanks', thanx: 'thanks',
  ty: 'thank you', tyvm: 'thank you', thankyou: 'thank you', thanku: 'thank you', tmrw: 'tomorrow', tmr: 'tomorrow', tmoz: 'tomorrow',
  tomoz: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow', '2mrw': 'tomorrow', tomorow: 'tomorrow', tommorow: 'tomorrow',
  tommorrow: 'tomorrow', tonite: 'tonight', '2nite': 'tonight', '2day': 'today', tday: 'today', gr8: 'great', b4: 'before', l8r: 'later',
  l8: 'late', m8: 'mate', coz: 'because', cos: 'because', cuz: 'because', bc: 'because', ppl: 'people', sum1: 'someone', some1: 'someone',
  any1: 'anyone', ne1: 'anyone', no1: 'no one', every1: 'everyone', sumthin: 'something', summat: 'something', owt: 'anything', nowt: 'nothing',
  nuffin: 'nothing', nothin: 'nothing', nuthin: 'nothing', nuthing: 'nothing', anythin: 'anything', msg: 'message', txt: 'text', txting: 'texting',
  rn: 'right now', atm: 'at the moment', tbh: 'to be honest', tbf: 'to be fair', imo: '', lol: '', lmao: '', haha: '', hahaha: '', jk: '',
  soz: 'sorry', sozz: 'sorry', sory: 'sorry', sori: 'sorry', srry: 'sorry', sry: 'sorry', sorrry: 'sorry', sorreh: 'sorry',
  gud: 'good', gd: 'good', luv: 'love', hun: 'hun', nite: 'night', mornin: 'morning', eve: 'evening', eves: 'evenings', wk: 'week',
  wks: 'weeks', wkend: 'weekend', wkends: 'weekends', wknd: 'weekend', wknds: 'weekends', w8: 'wait', bk: 'back', prob: 'probably',
  probs: 'probably', def: 'definitely', defo: 'definitely', deffo: 'definitely', np: 'no problem', nw: 'no worries', ofc: 'of course',
  cba: 'can not be bothered', appt: 'appointment', appts: 'appointments', hosp: 'hospital', docs: 'doctors', drs: 'doctors',
  meds: 'medicines', prescrip: 'prescription', scrip: 'prescription', tele: 'telly', xx: '', x: '', xxx: '', xox: '',
  // Yes and no, as typed
  yh: 'yes', ya: 'yes', ye: 'yes', yeh: 'yes', yea: 'yes', yeah: 'yes', yeahh: 'yes', yep: 'yes', yup: 'yes', yas: 'yes', yess: 'yes', yesss: 'yes',
  yesh: 'yes', yse: 'yes', ys: 'yes', aye: 'yes', k: 'ok', kk: 'ok', okay: 'ok', okey: 'ok', okie: 'ok', oki: 'ok', okk: 'ok',
  nah: 'no', naa: 'no', nope: 'no', naw: 'no', nop: 'no', noo: 'no', nooo: 'no',
  // Dialect: Scots, Geordie, Jamaican English and others, as people write them
  mi: 'i', masel: 'myself', mysel: 'myself', ah: 'i', tae: 'to', wantin: 'wanting', fur: 'for', aw: 'all', ma: 'my', nae: 'no', dinnae: 'do not',
  cannae: 'can not', canna: 'can not', wouldnae: 'would not', didnae: 'did not', isnae: 'is not', divent: 'do not', dinna: 'do not', howay: 'come on',
  wi: 'with', fi: 'for', dem: 'them', di: 'the', mek: 'make', nuh: 'not', sombody: 'somebody', sumbody: 'somebody', somone: 'someone', someon: 'someone',
  sum1s: "someone's", anybdy: 'anybody', ess: 'yes', thass: 'that is', dreckly: 'later',
  // Welsh words people mix in (Welsh-English); full Welsh is a language of its own
  ie: 'yes', iawn: 'ok', na: 'no', nage: 'no', diolch: 'thanks', siopa: 'shopping', moddion: 'medicine', meddyginiaeth: 'medicine',
  // Words often mistyped in this work
  shoping: 'shopping', shopin: 'shopping', shoppin: 'shopping', shopn: 'shopping', perscription: 'prescription', perscriptions: 'prescriptions',
  prescribtion: 'prescription', prescribtions: 'prescriptions', presciption: 'prescription', precription: 'prescription',
  prescripton: 'prescription', medecine: 'medicine', medicene: 'medicine', medcine: 'medicine', docter: 'doctor', docters: 'doctors',
  grandaughter: 'granddaughter', recipie: 'recipe', receipe: 'recipe', recepie: 'recipe',
  chemists: 'chemist', computor: 'computer', laptap: 'laptop', gardern: 'garden', wensday: 'wednesday', wednsday: 'wednesday',
  tues: 'tuesday', thurs: 'thursday', thur: 'thursday', weds: 'wednesday',
};

/** Real words (dialect, Welsh-English, names of things) that must never be "corrected". */
export const EXTRA_WORDS: readonly string[] = [
  'natter', 'chinwag', 'cuppa', 'mither', 'poorly', 'lush', 'tidy', 'duw', 'bach', 'cariad', 'diolch', 'iawn', 'shwmae', 'nain', 'mam',
  'bara', 'brith', 'faggots', 'telly', 'tesco', 'asda', 'aldi', 'lidl', 'sainsburys', 'morrisons', 'boots', 'zoom', 'whatsapp', 'facetime',
  'skype', 'ipad', 'iphone', 'covid', 'chemo', 'gp', 'nhs', 'stoke', 'hitchin', 'killingworth', 'hurtmore', 'ystradgynlais', 'gorseinon',
  'morriston', 'sketty', 'townhill', 'llanelli', 'tenby', 'singleton', 'hart', 'payne', 'graves',
];
