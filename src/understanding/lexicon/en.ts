/**
 * English, as people write it to us: the kinds of help in their words, how they say
 * they need or could give something, doubt, yes, no and later, questions, times,
 * names. Data only; measured on tests/understanding/corpus (npm run eval:understanding).
 */
import { DANGER, HISTORY, IDIOMS, POSSIBLE, RECENT, SIGNS } from './en-crisis.js';
import { EXTRA_WORDS, SLANG } from './en-words.js';
import type { Lexicon } from './types.js';

const SOMEONE = 'someone|somebody|anyone|anybody|sum1|any1|some1|people|others|folk|neighbours|neighbour';
/** Who might do something for the person ("someone to", "could anyone"), not "teach people to". */
/** A helper asking for money or bank details: always a problem for a coordinator. */
const MONEY_ASKED = [
  'asked|asking|asks me? for money|cash|loan', 'asked|asking|asks me? for my|a pin|card|bank|details|loan', 'pin number', 'bank card', 'borrow money', 'lend him|her money',
];
const HELPER = 'someone|somebody|anyone|anybody|sum1|any1|some1';

export const en: Lexicon = {
  lang: 'en',
  slang: SLANG,
  extraWords: EXTRA_WORDS,

  categories: {
    shopping: {
      cues: ['shopping', 'shop', 'shops', 'grocery', 'groceries', 'supermarket', 'tesco|asda|aldi|lidl|sainsburys|sainsbury|morrisons|iceland|spar', 'co op', 'few bits', 'bit of shopping', 'errands', 'food shop'],
      weak: ['milk', 'bread', 'teabags', 'biscuit', 'biscuits', 'eggs', 'food', 'bits'],
    },
    medicines: {
      cues: ['medicine', 'medicines', 'medication', 'prescription', 'prescriptions', 'pharmacy', 'chemist', 'inhaler', 'inhalers', 'insulin', 'blood thinners', 'repeat'],
      weak: ['=tablets', 'pills', 'boots'],
    },
    dogs: {
      cues: ['dog', 'dogs', 'puppy', 'walkies', 'pet', 'pets', 'cat', 'cats', 'kitten', 'vet', 'vets', 'flea', 'budgie', 'dog walking', 'walk my dog'],
    },
    lifts: {
      cues: ['lift', 'lifts', 'drive|driving|drove', 'transport', 'taxi', 'taxis', 'take me to', 'get me to', 'run me to|into', 'pick me up', 'taking to', 'land rover', 'van'],
      weak: ['appointment', 'appointments', 'hospital', 'doctors', 'doctor', 'surgery', 'dentist', 'car', 'bus'],
    },
    jobs: {
      cues: [
        'odd job|jobs', 'little jobs', 'diy', 'repair', 'repairs', 'fix', 'fixing', 'garden', 'gardens', 'gardening', 'lawn', 'grass', 'mow', 'hedge', 'hedges',
        'weed', 'weeding', 'bin', 'bins', 'bulb', 'bulbs', 'lightbulb', 'plug', 'plugs', 'electrician', 'handyman', 'shelf', 'shelves', 'tap', 'leak',
        'gutter', 'gutters', 'fence', 'shed', 'plumber', 'smoke alarm', 'greenhouse', 'tree', 'decorating', 'hoover', 'hoovering', 'housework', 'cleaning',
        'chores', 'ladder', 'mechanic', 'jungle', 'salt', 'boiler', 'water the|my plants', 'bike', 'gate', 'grit', 'gritting', 'snow', 'sharpen', 'sharpening',
      ],
      weak: ['battery', 'water', 'car', 'ice', 'path'],
    },
    meals: {
      cues: [
        'meal', 'meals', 'dinner', 'dinners', 'lunch', 'hot food', 'cooked', 'cook', 'cooking', 'bake', 'baking', 'cake', 'cakes', 'scone', 'scones',
        'sponge', 'jam', 'chutney', 'casserole', 'stew', 'soup', 'batch', 'welsh cakes', 'make|cook|bake some|extra for',
      ],
      weak: ['pie', 'curry', 'curries', 'lasagne', 'bara brith', 'food', 'saag', 'dal', 'daal', 'dhal', 'roti', 'chapati', 'chapatis', 'biryani', 'samosa', 'samosas', 'pakora', 'pakoras', 'jollof', 'pierogi', 'shortbread', 'pastries', 'flapjack', 'flapjacks', 'brownies'],
    },
    visits: {
      cues: [
        'visit', 'visits', 'visitor', 'visitors', 'pop in|round|over|by', 'popping in|round', 'call round|in', 'come round|over', 'drop in|by', 'sit with',
        'cuppa', 'cup of tea', 'walk round', 'a walk with|together', 'walks', 'in person', 'face to face', 'befriend', 'befriending', 'someone to see',
      ],
      weak: ['company'],
    },
    chat: {
      cues: [
        'chat', 'chats', 'chatting', 'natter', 'chinwag', 'blether', 'craic', 'have a crack', 'talk', 'talking', 'talker', 'ring me', 'ring people|someone|them|her|him', 'phone call', 'phone calls',
        'call me', 'calls', 'lonely', 'loneliness', 'voice', 'read to|me', 'read aloud', 'reading aloud', 'conversation', 'company on the phone', 'someone to talk to',
      ],
      weak: ['company', 'friend', 'phone', 'ring', 'call', 'on my own', 'alone'],
    },
    listening: {
      cues: ['listen', 'listener', 'listening', 'ear', 'offload', 'vent', 'samaritan', 'samaritans'],
    },
    teaching: {
      cues: ['teach', 'teacher', 'teaching', 'taught', 'lesson', 'lessons', 'learn', 'learning', 'learner', 'learners', 'tutor', 'tutoring', 'tuition', 'skill', 'skills', 'show * how', 'tell * how', 'show me', 'grade'],
    },
    recipes: {
      cues: ['recipe', 'recipes', 'how to make', 'how i make', 'share how', 'show|tell * how to make|cook|bake'],
    },
    phonehelp: {
      cues: [
        'form', 'forms', 'paperwork', 'bill', 'bills', 'council', 'benefit', 'benefits', 'blue badge', 'tax', 'accounts', 'bookkeeper', 'accountant', 'advice',
        'admin', 'bank', 'translate', 'sort out', 'sorting out', 'medication questions', 'make sense of', 'pension credit', 'cv', 'cvs',
        'application', 'applications', 'proof read', 'proofread', 'proofreading',
      ],
      weak: ['letters', 'letter', 'post'],
    },
    tech: {
      cues: [
        'computer', 'computers', 'laptop', 'laptops', '=tablet', 'ipad', 'iphone', 'smartphone', 'internet', 'wifi', 'email', 'emails', 'online', 'zoom',
        'video call|calls|calling', 'whatsapp', 'facetime', 'facebook', 'skype', 'printer', 'tech', 'technology', 'app', 'apps', 'password', 'phones',
      ],
      weak: ['phone', 'mobile', 'set up'],
    },
    crafts: {
      cues: [
        'knit', 'knitting', 'knitted', 'sew', 'sewing', 'mend', 'mending', 'darn', 'alteration', 'alterations', 'take up trousers', 'seamstress', 'tailor', 'crochet',
        'embroidery', 'quilt', 'buttons', 'cards', 'card making', 'handmade', 'by hand',
      ],
      weak: ['blanket', 'blankets'],
    },
  },
  topics: {
    knitting: ['knit', 'knitting', 'knitted'],
    crochet: ['crochet'],
    sewing: ['sew', 'sewing', 'seamstress', 'mend', 'mending', 'alteration', 'alterations'],
    welsh: ['welsh', 'cymraeg'],
    french: ['french'],
    spanish: ['spanish'],
    german: ['german'],
    music: ['music', 'choir', 'hymn', 'hymns', 'singing', 'sing', 'piano', 'guitar', 'violin'],
    maths: ['maths', 'math', 'sums'],
    computers: ['computer', 'computers', 'laptop', '=tablet', 'ipad', 'zoom', 'whatsapp', 'email', 'internet', 'app', 'phones'],
    baking: ['bake', 'baking', 'cake', 'cakes', 'scones', 'bread'],
    cooking: ['cook', 'cooking', 'meal', 'meals'],
    gardening: ['garden', 'gardening'],
    firstaid: ['first aid'],
    art: ['painting', 'drawing', 'art', 'watercolour'],
  },
  teachable: ['knit', 'knitting', 'crochet'],
  suppresses: { recipes: ['meals'], teaching: ['crafts'] },

  frames: {
    need: [
      'i need', 'i really|just|also|still|will|do need', 'need|needs|needing picking|collecting|doing|taking|fetching|walking|cutting|sorting|changing|emptying|putting|mowing|clearing|someone|help',
      'need|needs a|an|some|my|me|her|his|it|them|more', 'i would like|love a|an|some|someone|somebody|help|it|the', 'would love|like a|an|some|someone|somebody',
      'i want a|an|some|someone|help', `${HELPER} to|who|that`, `${HELPER} near me|nearby|local who`, 'help me', 'can|could|please|also you|i? add', 'add in|on', 'i said', 'as well as',
      'would be lovely|nice|great|=good|godsend|handy|helpful|brilliant|lush|wonderful', 'would be a godsend', 'could do with', 'could use', 'looking for',
      'any chance', 'i am on my own', 'i am all? alone', 'i am|feel|get|felt|been lonely', 'i am|feel|been so|very|really lonely', 'i feel so alone', 'get me', 'pick up my',
      'is a jungle', 'i am out of', 'we are out of', 'i have run out', 'i have got no|nothing', 'got no food|milk|bread|money|heating|gas|electric', 'we have run out', 'my * have|has run out', 'i am running out|low', 'running low on', 'i have no', 'anyone know', 'i struggle', 'struggling with|to',
    ],
    weakNeed: ['help with', 'a bit of help'],
    inability: ['can not get|reach|carry|walk|drive|manage|bend|stand|see|cook|do|lift|climb|go', 'can no longer', 'not able to'],
    polite: [`could|can|would|will ${HELPER}|you|u`, 'could|can|would he|she|they do|get|bring|pick|fetch|come', `is there ${HELPER} who|that could|can|would help|do|come|pop|take|give`],
    gift: [
      'i can|could', 'can|could|will do', 'can|could help', 'happy|glad|willing|able|keen|pleased to', 'happily', 'i would love|like to',
      'i would be happy|glad', 'i am|was good at|with', 'good with|at', 'i am a good|great|decent', 'dab hand', 'by trade', 'i used to be a|an', 'i was a|an',
      'retired', 'i worked in|as', 'i know how to', 'i speak', 'i play', 'i drive', 'i have|got a car', 'i have got a car', 'i make', 'i bake', 'i knit',
      'i sew', 'i cook', 'i do a', 'i teach', 'i give', 'i fix|mend|repair|build|make', 'to offer', 'can|could offer', 'put me down for', 'count me in', 'i volunteer',
      `if ${SOMEONE} needs|wants|fancies|fancied|is|interested|need|want`, `help ${SOMEONE}`, 'is my thing', 'i am fluent', 'fluent', 'no bother to me',
      'no trouble', `if ${SOMEONE} can not|is|gets|feels`, `${HELPER} who would like|wants|fancies to`, `does|do? ${HELPER} need|want|fancy a|an|some|my`, 'want to help', 'i want to give|teach|help', 'i would like to help|give|teach|offer',
    ],
    offerAsked: ['can|could|may i offer|bring|lend'],
    giftAtStart: ['can|could walk|do|drive|cook|help|teach|make|bake|pick|fix|listen|ring|chat|give|offer|sew|knit|read|look|show|sort|take|pop|call'],
    notGift: [
      'i used to knit|sew|bake|cook|do|drive|teach|run|help|work|make|play', 'used to knit|sew|bake|cook|do|drive|teach|run|help|work|make|play',
      'so i can get|go|have|see', 'so that i can', 'could murder', 'could kill for', 'i can start', 'like to join', 'like to sign up', 'like to start', 'to take part', 'to join', 'to get started', 'to sign up',
    ],
  },
  doubt: [
    'not much use|good', 'no use to', 'no good to|for', 'not any use', 'what use', 'useless', 'what could|can i give|offer|do', 'what could i possibly',
    'what have i got to give|offer', 'what good am i', 'what good is', 'nothing to give|offer', 'not got anything to give|offer', 'not have anything to give|offer',
    'nothing i can give|offer', 'not clever', 'not good at anything|nothing', 'not good enough', 'the one who needs help', 'who would want',
    'anyone would want', 'nobody would want', 'know if i could help', 'know what i could|can do|give|offer', 'not sure what i could|can', 'not sure i am any good',
    'can not do much but', 'can not give anything', 'little to offer|give', 'nothing left to give|offer', 'what am i for', 'what use am i', 'not much i can', 'past it', 'too old', 'waste of space', 'no one needs me', 'nobody needs me',
    'not much to offer', 'what use i will be', 'no good for anything|much|anyone', 'can not even', 'no use to anyone', 'not much good for', 'what could i',
    'not see what use', 'not any good', 'rubbish at everything', 'can not think what', 'not the full ticket', 'nobody would want me', 'give anybody|anyone',
    'not think anybody|anyone wants|would', 'know nothing about', 'know nowt', 'not sure i have anything', 'i am much use', 'i am any use',
    'not ** good at anything|nothing', 'anyone|anybody|nobody would ** want', 'who would want that',
  ],
  weakDoubt: [
    'i am #', 'at my age', 'housebound', 'stuck in', 'hands|legs|knees|eyes are bad|going|gone|slow', 'hands|legs|knees|eyes have gone', 'arthritis',
    'wheelchair', 'not very mobile', 'since the fall', 'memory going', 'can not get out', 'can barely', 'on oxygen', 'can not hold',
  ],
  modest: ['not a lot', 'not much', 'if it counts', 'if that counts', 'if that is any use|good', 'any use to anyone', 'a bit slow', 'suppose i could', 'i suppose i could', 'have a go'],
  retract: ['can not hold', 'can not * anymore', 'can not anymore', 'probably not', 'so not', 'maybe not', 'too bad now', 'hands are bad'],
  nothing: [
    'nothing', 'none', 'not now', 'nothing now', 'not at the moment', 'nothing at the moment', 'not right now', 'i am fine|ok|alright', 'all good', 'all ok',
    'not really', 'no thanks', 'no thank you', 'no need', 'nothing really', 'ok for now', 'stop now i am fine', 'not today thanks', 'not for now', 'n a',
    'you are alright|ok',
  ],
  declined: ['nothing i need', 'not need anything|nothing|help|much|anyone|owt|it', 'do not need nothing', 'no need now', 'stop now i am fine', 'ok for now', 'not|no wanting anything'],

  yes: {
    core: [
      'yes', 'ok', 'sure', 'of course', 'certainly', 'definitely', 'absolutely', 'alright', 'all right', 'go on', 'go ahead', 'why not', 'if you like',
      '👍', '👌', '✅', 'yes please', 'please do', 'no bother', 'come on then', 'aye go on', 'i think so', 'near enough', 'get started', 'take part', 'sign me up',
    ],
    accept: [
      'happy to', 'glad to', 'love to', 'count me in', 'i can do it|that|this', 'can do', 'will do', 'i will do it', 'no problem', 'no bother', 'no worries',
      'no probs', 'i can help', 'i could help', '🙂', '😊', 'can not say no',
    ],
    ask: ['i can', 'i could', 'i will', 'i can do', 'i am free', 'could do it'],
    confirm: [
      'that is right|correct|it', 'correct', 'right you are', 'spot on', 'exactly', 'perfect', 'sounds good|great|lovely', 'lovely ~ not|no|but', 'fine', 'great',
      'all good', 'all correct', 'all right', 'looks good|right|fine|great|lovely', 'want to help', 'like to help', 'to help out', 'want to volunteer',
    ],
    checkin: [
      'she|he|they did', 'been and gone', 'good un', 'smashing', 'treasure', 'he|she fixed', 'she|he|they came ~ but|never|rude|late', 'he|she came and', 'i think so', 'all good',
      'all fine', 'kind of', 'sort of', 'lovely ~ not|no|but', 'thank you so much', 'lifesaver', 'wonderful', 'was very|so|really nice|lovely|kind|good|helpful',
      'he|she was nice|lovely|kind|great|brilliant|helpful|good', 'bless him|her', 'it was fine|good|ok|okay|great|lovely|grand|champion',
    ],
    safe: ['i am safe|ok|fine|alright', 'safe', 'safe now', 'all ok', 'i am ok now', 'perfectly|quite|completely|totally safe', 'i am', 'aye fine', 'fine'],
  },
  no: [
    'no', 'not this time', 'not for me', 'can not', 'unable', 'not able', 'no can do', 'rather not', 'not interested', 'no way', 'stop', 'not really',
    'stop getting|sending|texting|messaging', 'can not today|tonight|now', 'i am away', 'i am poorly', 'not quite', 'wrong', 'not right ~ now', 'incorrect', 'nearly', 'i said',
    'not well', 'have covid', 'got covid', '👎', 'would if i could', 'wish i could',
  ],
  later: [
    'later', 'not yet', 'another time', 'another day', 'next time', 'next week', 'maybe next', 'try me', 'ask me again|later|tomorrow|next|another|in|after',
    'message|text|txt|ring|call me tomorrow|later|after|next', 'maybe after', 'after christmas|easter|the holidays|new year', 'stop for a bit|while|few',
    'could do monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next',
    'ask again', 'text me after|later|tomorrow', 'get back to you', 'come back to you', 'let you know', 'in a bit', 'hang on', 'when things settle',
    'monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|weekend instead', 'coming monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next',
    'is coming', 'ringing me', 'still waiting', 'not been yet', 'has not been', 'rung me yet', 'back next week', 'when he|she goes back', 'will text when',
    'could tomorrow', 'maybe monday|tuesday|wednesday|thursday|friday|saturday|sunday|thurs|tues', 'have a think', 'in a few weeks', 'when i am better',
    'hopefully', 'in the spring|summer', 'in the new year', 'maybe when', 'when my * is sorted|better|mended', 'have to find|look|check',
    'till|until|after january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|christmas|easter',
  ],
  notNow: ['not now', 'not today', 'not tonight', 'not this week', 'can not this week', 'not right now', 'not at the moment'],
  yesDespiteNo: ['no problem', 'no probs', 'no bother', 'no worries', 'no trouble', 'not a problem', 'can not say no', 'could not say no'],
  problem: [
    'problem', 'never came|turned|showed|arrived', 'did not come|turn|show', 'nobody came', 'no one came', 'rude', 'shouted', 'took my money', 'no change',
    'went for my', 'bit me|my', 'not come', 'wait|waited all day',
    'no receipt', 'wrong things', 'cancelled', 'left the door|gate', 'got out', 'on his|her phone', 'did not like', 'not comfortable', 'uncomfortable',
    'personal questions', 'too long', 'not happy', 'waiting # weeks', 'defrosted', 'smashed', 'stole', 'steal', 'seen her|him since', 'kind of',
    'someone different|else', 'complain', 'not turned up', 'pushed me', 'meant to bring', 'waiting for someone', 'waste of time', 'kept the change',
    'did not bring everything|it|all', 'forgot half', ...MONEY_ASKED,
  ],
  idleProblem: [
    'someone different', 'different person|volunteer|helper', 'not comfortable', 'uncomfortable', 'meant to bring', 'waiting # weeks', 'waiting for someone', 'never came|turned|showed|arrived',
    'did not come|turn|show', 'nobody came', 'no one came', 'rude', 'took my money', 'not turned up', 'been waiting', ...MONEY_ASKED,
  ],
  notAProblem: ['not a problem', 'no problem', 'not the end of the world', 'no probs'],
  questions: {
    cost: ['free', 'cost', 'costs', 'pay', 'charge', 'how much', 'money'],
    who: ['who is this|it|that', 'who are you', 'what is this|valued', 'scam', 'real person', 'a bot', 'robot', 'right number', 'all this'],
    number: ['my number', 'who gave you', 'how did you get', 'this number'],
    how: ['how does it|this work', 'what happens now|next', 'what do you mean', 'when will someone', 'what does * mean', 'what is number', 'what is a'],
    privacy: ['who will see', 'going to see', 'why do you need', 'what is this for', 'what for', 'private', 'need my name', 'need it'],
    progress: ['has anyone been found', 'any news', 'still going', 'not heard', 'where is my', 'when is * coming', 'what day is', 'when will'],
    change: ['change my', 'add something', 'can i add', 'update', 'take that off', 'can i stop'],
    give: ['mean by give', 'mean give', 'is it money', 'does it have to', 'what sort of', 'count', 'do something for', 'do sumthin'],
    why: ['why', 'y'],
  },
  questionStarts: {
    wh: ['who', 'what', 'why', 'how', 'when', 'where', 'which', 'whats', 'wat', 'wot'],
    /** "is it", "can I": a question when these start a clause; "can I add dog walking" is a request. */
    aux: ['is', 'are', 'was', 'were', 'can', 'could', 'do', 'does', 'did', 'will', 'would', 'should', 'shall', 'have', 'has'],
    subjects: ['i', 'you', 'it', 'this', 'that', 'there', 'she', 'he', 'they', 'someone', 'anyone', 'anybody', 'somebody', 'my', 'your', 'valued', 'u'],
    /** Requests and offers, not questions, when they name a kind of help: "can I add dog walking", "could I help with listening?". */
    asking: ['can', 'could', 'would', 'will'],
    /** "how lovely": not a question. */
    exclaim: ['how lovely|nice|kind|good|wonderful|sweet|great|thoughtful|exciting|awful|sad', 'did i say|tell|mention|put|spell|already', 'can|could i stop|pause', 'what is the? point', 'what is it all for', 'what am i for', 'does anyone else feel'],
  },
  times: {
    mornings: ['morning', 'mornings', 'before lunch', 'til|till|until 12|1|2', 'school run', 'bore da'],
    afternoons: ['afternoon', 'afternoons', 'after lunch', 'prynhawn', 'pm', 'after chapel', 'til|till|until 2|3|4|5', 'after school', '# till|til|until|to #'],
    evenings: ['evening', 'evenings', 'night', 'nights', 'after work', 'after 5|6|7|five|six|seven', 'tonight'],
    weekdays: ['weekday', 'weekdays', 'week days', 'monday|tuesday|wednesday|thursday|friday|mon|tue|tues|wed|thur|thurs|fri|mondays|tuesdays|wednesdays|thursdays|fridays', 'mon fri', 'mon to fri', 'during the week', 'in the week'],
    weekends: ['weekend', 'weekends', 'saturday|sunday|sat|sun|saturdays|sundays|sats|suns'],
    any: ['any time', 'anytime', 'whenever', 'most days', 'all the time', 'all day', 'every day', 'retired', 'flexible', 'not going anywhere', 'about most days', 'most of the time', 'any day'],
  },

  safeBut: ['but', 'though', 'although', 'except', 'for now', 'for tonight', 'tonight', 'anyway', 'at the moment', 'for the moment', 'just about', 'still', 'ready', 'decided', 'decision'],
  timeFrames: [
    'free', 'available', 'text|txt|ring|call me after', 'can|could do? after|before|from|about', 'after #', 'after i drop|finish|get', 'got|have time in|on|at',
    'only late|early', 'i can in the', 'once i am up',
  ],

  nameFrames: ['my name is', 'name is', 'my name', 'names', 'i am called', 'call me', 'calls me', 'this is', 'it is', 'i am', 'regards', 'love from', 'lots of love', 'yours sincerely|faithfully|truly'],
  notNames: [
    'yes', 'no', 'ok', 'okay', 'hello', 'hi', 'hiya', 'hey', 'help', 'need', 'want', 'please', 'thanks', 'thank', 'what', 'why', 'who', 'how', 'menu', 'stop',
    'start', 'shopping', 'the', 'and', 'a', 'an', 'fine', 'good', 'well', 'here', 'in', 'on', 'at', 'not', 'so', 'very', 'just', 'sorry', 'love', 'dear',
    'duck', 'pet', 'hun', 'bach', 'cariad', 'mate', 'lovely', 'sure', 'bless', 'all', 'you', 'me', 'my', 'is', 'it', 'this', 'that', 'there', 'now',
    'going', 'ready', 'alright', 'ta', 'x', 'xx', 'diolch', 'iawn', 'tidy', 'lush', 'everyone', 'everybody', 'valued', 'again', 'back', 'home', 'out',
    'sa', 'mrs', 'mr', 'miss', 'ms', 'dr', 'for', 'to', 'with', 'retired', 'widowed', 'blind', 'deaf', 'housebound', 'lonely', 'poorly', 'ill', 'old',
    'safe', 'stuck', 'busy', 'free', 'away', 'texting', 'sat', 'afraid', 'scared', 'frightened', 'worried', 'new', 'born', 'married', 'single',
    'he', 'she', 'they', 'we', 'i', 'him', 'her', 'them', 'his', 'hers', 'our', 'us', 'your', 'their', 'who', 'managing', 'struggling', 'sorry',
    'tired', 'cheers', 'innit', 'knackered', 'exhausted', 'shattered', 'unwell', 'sad', 'confused', 'lost', 'bored', 'cold', 'hungry', 'alone',
    // Places people give when asked their name: the towns and cities most often written.
    'london', 'birmingham', 'manchester', 'liverpool', 'leeds', 'sheffield', 'bristol', 'newcastle', 'sunderland', 'nottingham', 'leicester', 'coventry',
    'bradford', 'hull', 'stoke', 'wolverhampton', 'derby', 'southampton', 'portsmouth', 'plymouth', 'exeter', 'norwich', 'ipswich', 'cambridge', 'oxford',
    'reading', 'brighton', 'hastings', 'swindon', 'gloucester', 'cheltenham', 'bath', 'york', 'middlesbrough', 'blackpool', 'preston', 'bolton', 'wigan',
    'stockport', 'oldham', 'rochdale', 'huddersfield', 'wakefield', 'doncaster', 'barnsley', 'rotherham', 'lincoln', 'grimsby', 'northampton', 'luton',
    'milton', 'keynes', 'carlisle', 'durham', 'gateshead', 'ashington', 'margate', 'swansea', 'cardiff', 'newport', 'wrexham', 'bangor', 'aberystwyth',
    'llanelli', 'neath', 'merthyr', 'glasgow', 'edinburgh', 'aberdeen', 'dundee', 'inverness', 'perth', 'stirling', 'paisley', 'belfast', 'derry', 'londonderry',
    'wales', 'scotland', 'england', 'ireland', 'cornwall', 'devon', 'kent', 'essex', 'yorkshire', 'lancashire',
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august',
    'september', 'october', 'november', 'december', 'christmas', 'easter', 'something', 'nothing', 'everything', 'anything', 'someone', 'anyone',
    'nobody', 'everybody', 'somebody', 'anybody', 'none', 'nowt', 'owt', 'blah', 'test', 'testing', 'hmm', 'um', 'er', 'erm',
  ],
  skip: ['=skip', '=pass', 'rather not', 'rather not say', 'do not have one', 'not got one', 'do not have a postcode', 'can not remember it', 'can not remember my postcode', 'do not know it', 'do not know my postcode', 'prefer not', 'prefer not to say', 'no name', '=anonymous', 'not telling', 'none of your business', 'not saying'],

  crisis: { danger: DANGER, possible: POSSIBLE, signs: SIGNS, idioms: IDIOMS, history: HISTORY, recent: RECENT },
};
