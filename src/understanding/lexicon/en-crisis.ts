/**
 * Words that suggest someone may be in danger, graded, in English. Grounded in
 * public guidance, not guessed: the warning signs Samaritans and the NHS describe
 * (talking about wanting to die or to end their life, being a burden, no reason to
 * live, feeling trapped, saying goodbye, giving things away; medical emergencies:
 * can't breathe, chest pain, the FAST signs of stroke, collapse, a fall and can't get
 * up, an overdose, heavy bleeding) and domestic abuse helplines' (being hit,
 * threatened, controlled, frightened of a partner or family member).
 *
 * `danger`: clear danger now; the person gets the numbers to call and a coordinator
 * an urgent alert. `possible`: distress that needs a gentle "are you safe?".
 *
 * A phrase may end in `~ word|word`: it does not count when any of those words is in
 * the message ("I don't want to be here anymore, this flat is damp" is about a flat).
 * Matching is exact on the words as meant and their dictionary forms, never fuzzy:
 * "Stoke" is never "stroke". Misspellings that matter are listed as they are typed.
 */
import type { CrisisKind } from './types.js';

const PILLS = 'tablet|tablets|pill|pills|medication|medicine|medicines|paracetamol|meds|painkillers|sleeping';

export const DANGER: Readonly<Record<CrisisKind, readonly string[]>> = {
  self: [
    'kill|killing myself', 'kill|killing my self', 'end|ending|finish my life', 'take|taking my own? life',
    'end|ending it all', 'end|ending it tonight|today|now', 'decided to end it', 'going to end it', 'thinking about ending it',
    'thinking about killing|ending|dying', 'want|wanna|wanted to die', 'wish i was|were dead', 'better off dead', 'better off if i was|were dead',
    'rather be dead', 'do not want to live', 'not want to be alive', 'kms', 'kys myself', 'do not want to be here ~ flat|house|home|area|street|estate|damp|move|moving|council|stairs|town|city|hospital|ward|job|work|school|queue|weather|cold',
    'do not want to wake up', 'not wake up', 'no reason to live', 'not worth living', 'can not go on living', 'suicide ~ lost|husband|wife|son|daughter|brother|sister|friend|samaritans|film|watched|documentary|programme|book|reading|article|news|prevention|awareness|course|training',
    'suicidal ~ ago|years|used|training|awareness', 'suicidle', 'sucidal', 'suicidial', 'suicde', 'suiside', 'suicidel', 'self harm', 'self harming', 'selfharm', 'hurt|harm|cut|cutting|hurting|harming myself',
    'overdose ~ drama|programme|telly|tv|bbc|itv|film|episode|casualty|soap|storyline|book|news|paper', 'overdosed ~ drama|programme|telly|tv|bbc|itv|film|episode|casualty|soap|storyline|book|news|paper',
    'overdoes', 'an od',
    `take|took|taken|taking|swallowed ** all|load|loads|lot|lots|many|extra|handful|rest|whole ** ${PILLS}`,
    `take|took|taken|taking|swallowed ** ${PILLS} ** all`, `saving|saved|stockpiled ** ${PILLS}`, `${PILLS} out in front of me`,
    'know what i am going to do', 'made up my mind', 'will not be around', 'not need them where i am going', 'giving ** things away',
    'this is goodbye', 'say goodbye', 'goodbye forever', 'written|wrote letters for|to my',
    'jump off|in front', 'hang myself', 'end up killing myself', 'not going to be here|around by|for|much', 'made my plans', 'made plans to end',
    'i have a plan', 'got a plan to', `${PILLS} in my hand`, 'no point living|going on', 'better off dead', 'end things', 'ending things',
    'want to go to sleep forever', 'do not want to be alive', 'take my own life', 'affairs in order', 'planning how i would|will do it',
    'planned how i would|will do it', 'how i would do it', 'do not trust myself', 'top of the multi storey|car park|bridge|cliff|cliffs|flats',
    'not be a burden * much longer', 'not be a burden to anyone for much longer', 'not be around next', 'be gone by',
    'pills|tablets|meds counted out', 'the rope up|ready', 'car running in the garage', 'took|taken every tablet|pill', 'i have took|taken every', 'tonight is the last one', 'tonights the last',
  ],
  medical: [
    'can|could not breathe|breath ~ laughed|laugh|laughing|without', 'can not get my|me|a breath', 'struggling to breathe|breath', 'not breathing',
    'gasping', 'lips ** blue', 'lips ** funny colour|grey', 'arm ** heavy', 'left arm ** numb|heavy|weak|pain|tingling', 'jaw ** pain|ache', 'going blue', 'chest pain|pains', 'pain|pains in my chest', 'crushing pain', 'weight on my chest', 'chest ** painful',
    'arm ** numb', 'arm is weak', 'arm has gone weak', 'face ** gone funny|dropped|drooping|droopy', 'slurred', 'words ** coming out wrong',
    'having a stroke', 'having a heart attack', 'think it is a stroke', 'think it is a heart attack', 'think i am having a', 'just had a stroke', 'just had a heart attack', 'collapsed', 'passed out', 'unconscious',
    'not answering me', 'not responding', 'will not wake up', 'fallen|fell ** can not get up', 'on the floor ** can not get up', 'can not get up off',
    'can not get up ** floor', 'bleeding a lot', 'bleeding heavily|badly', 'will not stop bleeding', 'head is bleeding', 'soaked through', 'choking ~ up|back|tears|laughing', 'seizure',
    'having a fit', 'call an ambulance', 'collapsed ~ ewe|sheep|cow|dog|cat|horse|pony|lamb|ram|hen|tree|wall|roof|shed|fence|tent|drama|programme|telly|film|episode|casualty|soap', 'need an ambulance', 'get an ambulance', 'waiting on|for the ambulance', 'dial 999', 'ring 999', 'call 999',
    'medical emergency', 'this is an emergency', 'on the floor and she|he is not', 'i think i am dying', 'i am dying ~ hair|laughing|to|for|of boredom',
    'i am bleeding ~ nose|period|gums|finger|lip|little|bit|slightly|cut', 'smell|smelling gas', 'smell of gas', 'gas leak', 'can not swallow ~ tablets|pills|big',
    'had a fall ** can not get up', 'fell|fallen ** on the floor', 'house|kitchen|flat|room is on fire', 'there is a fire', 'fire in my|the house|kitchen|flat|room', 'left|right side ** gone dead|numb', 'my side has gone dead|numb',
  ],
  abuse: [
    'hit|hits|hitting|beat|beats|beating|punched|punches|kicked|kicks|slapped|slaps|pushed|strangled|choked me', 'he|she|they hit|hits|hitting me|us|her|him|the|my ~ car|ball|road|wall|jackpot|button|target|shops|bottle|roof|ceiling|hay|sack|gym|pub',
    'going to|gonna hurt|kill me ~ lol|haha|joke|joking|shed', 'he|she|they will kill|hurt me ~ lol|haha|joke|joking|shed', 'hell|shell kill|hurt me ~ lol|haha|joke',
    'threw|thrown|throwing * at me', 'threw|thrown|throwing * * at me', 'he|she hurt|hurts me', 'hurt me last night|again|bad', 'threatened|threatening|threatens to kill', 'threatened|threatening|threatens me',
    'raped', 'rape', 'sexually assaulted', 'assaulted me', 'locked me in', 'scared|fear|frightened for my life', 'not safe at home',
    'domestic violence', 'domestic abuse', 'abusing|abused|abuses me', 'attacked me', 'being attacked', 'i was attacked', 'shouting he is going to',
    'hurting me', 'hurt me again', 'pushed me over|into|down', 'hiding from him|her', 'trying to break|get in', 'breaking in', 'broken in ~ shoes|boots',
    'he|she|they * got a knife|gun|blade ~ butter|bread|sharpen|sharpening|sharpener|cake|carving', 'he|she|they has|have a knife|gun|blade ~ butter|bread|sharpen|sharpening|sharpener|cake|carving', 'me up|pinned|pushed|shoved|held ** against the wall',
  ],
};

export const POSSIBLE: Readonly<Record<CrisisKind, readonly string[]>> = {
  self: [
    'nobody would miss me', 'no one would miss me', 'nobody would notice', 'no one would notice', 'what is the point', 'whats the point', 'no point in anything', 'not see the point',
    'can not see the point', '!see why i bother', '!know why i bother', 'why i am bothering', 'can not cope', 'not coping', 'can not go on',
    'end of my tether|rope', 'burden', 'better off without me', 'can not take it', 'can not take any more', 'can not take anymore', 'had enough of this life', 'had enough of everything', 'had enough of it all',
    'feel so low', 'so low', 'feeling low', 'i hate my life', 'hate my life', 'so depressed', 'i am depressed', 'really depressed', 'feel depressed', 'hopeless', 'no way out', '!see a way out', '!anything to live for', '!still be here if', 'useless ** everyone says', 'lucky anyone puts up with me', 'trapped', 'nothing to live for', 'drowning',
    'here too long', 'not be here much longer', 'not need anything soon', 'not in a good place', 'struggling to get out of bed',
    'everything is too much', 'feels too much', 'too much for me to bear', 'if i was gone', 'if i disappeared', 'think about it sometimes',
    '!anything silly', 'waste of space', 'no one needs me', 'nobody needs me', 'cry all day', 'crying all day', 'point of me',
    'things are really bad', 'can barely look after myself', 'not be needing them', 'want it all to stop', 'tired of living|life',
    'pointless', 'what is the use', 'no point to|in any', 'wonder why i bother', 'why i bother getting up', 'feeling|feel really|very|so low', 'low tonight',
    'better off gone', 'want to disappear', 'wish i could disappear', 'can not do this anymore', 'can not do this any more', 'given up on life',
    'nobody cares', 'no one cares', 'do not see the point', 'not coping', 'why i am still going|here|alive|bothering', 'wondering why i am still',
    'not be round|around much longer', 'not be here much longer', 'saving them up', 'look at it too long', 'nothing left of me',
    'tired of all of it', 'tired of everything', 'so tired of it all', 'cutting again', 'been cutting', 'stepping off', 'step off the',
    'what is point', 'point of living', 'point of an old', 'not eating * not sleeping', 'not eating or sleeping', 'dark thoughts', 'can not face',
    'falling apart', 'no future', 'do not care anymore|any more', 'lost the will', 'head is spinning',
  ],
  medical: [
    'chest ** tight', 'wheezy', 'ran out of inhaler', 'run out of my? inhaler', `took|taken ** ${PILLS} ** twice`, 'on the floor ** night',
    'all shaky', 'not eaten in|for days', 'not eaten since', 'not had anything to eat', 'feel really sick and|dizzy', 'emergency ~ ha|haha|lol|joke|teabags|tea',
    'had a fall ~ ice|plaster|wrist|cast|mending|healing|broke|broken|march|april|may|june|july|august|september|october|november|december|january|february|last|ago|back|since|better',
    'been on the floor', 'i am on the floor ~ playing|grandchildren|grandkids|kids|baby|puzzle|jigsaw|cat|dog',
  ],
  abuse: [
    'frightened|scared|afraid|terrified of him|her|them|my', 'i am frightened|scared|terrified ~ spiders|dark|dogs|heights|fall|falling|ice|icy|slip|slipping|out|stairs|storm|thunder|hospital|op|operation',
    'shouts|shouted|shouting at me ~ doorstep', 'he|she is|has been drinking', 'drunk again', 'banging on|at the door', 'scared to go home',
    'sort me out ~ forms|form|paperwork|computer|phone|laptop|bills|garden', 'come back and sort me', 'if i tell anyone', 'scared what he|she|they will do',
    'not let me have|see|go|out|ring|phone|leave|talk', 'not allowed to ring|phone|see|go|leave|talk|have', 'checks my phone', 'he gets nasty', 'she gets nasty', 'not nice when', '!when my husband|partner|son is in|home|around',
    'can not leave him|her', 'come back ** knows where i live', 'takes|took my money|pension|card ** shouts', 'has my bank card',
    'my pension off me', 'controls my money',
  ],
};

/** Everyday idiom with crisis words in it. Tokens these cover are not read for crisis. */
export const IDIOMS: readonly string[] = [
  'dying for|to', 'to die for', 'hip|back|feet|knee|knees|legs|arthritis|heat|bill|stairs|chest|head|neck|shoulder|teeth|tooth|it|this|these|cold|cough is|are killing me',
  'killing me with', 'could kill for', 'would kill for', 'could murder', 'murder', 'bored|scared|frightened|worried|starve|starved|laughed to death',
  'half to death', 'death of me|him|her', 'killer', 'laughed till i could not breathe', 'dead on my feet', 'dead tired',
  'phone|battery|car|boiler|tomatoes|beans|plants|budgie|telly|heater|died|dying ** died|dead|dying', 'nearly had a heart attack', 'nearly killed',
  'nearly lost him|her', 'saved my life', 'lifesaver', 'alive and kicking', 'not ready to go', 'stroke on trent', 'stroke ward', 'stroke check up',
  'my spelling would kill', 'the attack on the news|telly', 'attack was on the telly|news', 'attacked by a fox|dog', 'was the dog that was attacked',
  'kill time', 'hit me up', 'hit the shops', 'a hit', 'i meant my', 'not me', 'hes going to kill me when he sees', 'dying of boredom', 'passion',
  'ewe|sheep|cow|dog|cat|horse|pony|lamb|ram|hen that collapsed', 'jump in|on|at|to|for|up', 'jump the queue', 'end it all ~ lol',
];

/** Said of now: medical words with these are never history ("had a fall in the night, can't get up"). */
export const RECENT: readonly string[] = ['today', 'tonight', 'now', 'just', 'this morning|afternoon|evening', 'in the night', 'last night', 'right now', 'at the moment'];

/** Said of the past: medical words with these are history, not now (unless said of now too). */
export const HISTORY: readonly string[] = [
  'last year|week|month|summer|winter|spring|christmas', 'years|months|weeks ago', 'ago', 'in # ', 'since my|the', 'after my|the', 'was in hospital',
  'recovering', 'when i had', 'check up', 'all clear', 'the stroke was', 'back on my feet', 'used to',
  'years gone', 'in january|february|march|april|may|june|july|august|september|october|november|december', 'blood thinners',
];

/**
 * Warning signs that are not enough on their own but add up: a means named, a
 * farewell, hopelessness, withdrawal (not eating or sleeping since a loss); for abuse,
 * harm, its hiding, control and fear; for the body, signs and being alone with them.
 * Each group counts once, at its weight; the signs of one kind add up, and 2 is worth
 * "are you safe?", 4 is danger (a danger phrase alone counts 4, a possible one 2).
 * Written in words as meant: "dont" is "do not", "ive" is "i have".
 */
export const SIGNS: Readonly<Record<CrisisKind, Readonly<Record<string, { weight: number; phrases: readonly string[] }>>>> = {
  self: {
    // A way to die, named as at hand.
    means: {
      weight: 3,
      phrases: [
        'rope|noose ~ skipping|washing|climbing|tow|boat|garden|bell|swing|line|splice|mend|nets|knot|knots|sailing|taught|teach', 'the rope up|ready', 'gun|pistol|shotgun|rifle ~ glue|staple|water|nerf|toy|he|she|him|her|husband|partner|son|club|clay|heat',
        `${PILLS} counted|lined|ready|saved|piled|stockpiled`, `every ${PILLS}`, 'over the rail|rails|edge|side|barrier ~ fell|fall|ball|hat|bag|phone',
        'in front of a|the train|lorry|bus ~ stopped|parked|waiting|queue', 'car running in|with', 'hosepipe ~ garden|plants|watering|ban', 'exhaust pipe',
        'blade|blades|razor|razors ~ shave|shaving|grass|mower|fan|hedge', 'cut|cutting|slit my wrists|wrist', 'how easy it would be', 'easy it would be to',
      ],
    },
    // A high place, said of where they are: possible alone, danger with any other sign.
    place: {
      weight: 2,
      phrases: ['on|at|off the railway|tracks|ledge|cliff|cliffs|parapet ~ works|repairs|closed|walk|walking|view|photo|holiday|trip', 'on the bridge ~ works|repairs|closed|walk|walking|view|photo|traffic', 'railway bridge ~ works|repairs|closed|under'],
    },
    // Goodbyes, last things, things put in order.
    farewell: {
      weight: 3,
      phrases: [
        'letter|letters|note|notes wrote|written|left for|to', 'wrote|written|left ** letter|letters|note|notes for|to ~ council|gp|doctor|landlord|mp|school|bank|post|milkman|postman',
        'thanks for everything ~ help|shopping|chat|today|call|visit|lovely|year|xmas|christmas|merry|easter|birthday|do|does|doing', 'thank you for everything ~ help|shopping|chat|today|call|visit|lovely|year|xmas|christmas|merry|easter|birthday|do|does|doing',
        'will not see her|him|you|them ** again ~ till|until|before|next|week|month|tomorrow|soon', 'not be around|here much longer', 'will not be here|around by ~ pm|am|oclock|time|o',
        'will not be needing anything|it|them ~ now|today|this|thank|thanks|else|shopping|more', 'not be needing anything', 'tonight is the last', 'my last ** of anything',
        'i am done ~ with|for|shopping|work|eating|washing|cooking|cleaning|thanks|thank|signing|soon|here|yet|now|ok|dinner|tea', 'time i went|joined to him|her|them',
        'go|went to be with him|her|them ~ hospital|visit|stay|staying|tea|live|while|week|weekend', 
        'left the ** door ** unlocked ~ shopping|parcel|delivery|carer|nurse|milkman|volunteer|helper', 'nobody|no one has to break', 'break ** door down',
        'make sure someone|somebody ** takes|feeds|looks|has', 'needs a new home ~ moving|move|flat|house|bungalow', 'not anyones|anybodys fault', 'nobodys fault', 'no ones fault',
        'nobody to stop me', 'not want anyone|anybody to stop me', 'try to stop me', 'not try and stop me', 'i will not be answering ~ phone|tomorrow|while|today|later|till|until|weekend|busy|work|out',
      ],
    },
    // Lesser farewells: alone they are everyday.
    last: {
      weight: 1,
      phrases: [
        'goodbye ~ bye|ta|tara|later|tomorrow|soon|xx|x|love', 'key is under|in|behind the ~ safe|box|shopping|neighbour|door', 'key under|behind the pot|mat|plant', 'gave|given ** away ~ clothes|charity|books|coats|toys|puppies|kittens|plants|spare', 'gave|given my ** to ~ number|details|name|postcode|address|recipe|time|charity|shop|nurse|doctor|gp',
        'all sorted now', 'sorted everything|things out for after', 'bank pin|pin number ~ forgot|forgotten|remember|new|reset|change|changed', 'i have decided ~ to sign|to join|to help|to volunteer|to start|to try',
        'nobody|no one would see|know|find', 'no one listens to me', 'nobody listens to me',
        'does not matter now|anymore', 'does not matter any more', 'does not matter what|when|who', 'no more ~ shopping|help|thanks|messages|texts|bread|milk|need|needed',
        'not that anyone can help', 'nobody ever comes|calls|rings|visits', 'no one ever comes|calls|rings|visits', 'can not go back ~ without|frame|chair|stick|walker|car|lift|shop|work|sleep',
        'nights are the worst', 'scream', 'all over the place ~ things|stuff|papers|clothes|toys|boxes',
      ],
    },
    // Saying it aloud, or that it has been in their mind.
    disclosed: {
      weight: 1,
      phrases: [
        'say it out loud', 'needed to tell|say to someone|somebody', 'thinking about it a lot|again|all the time ~ join|volunteer|help|sign|course|class|holiday', 'keep thinking about',
      ],
    },
    // A crisis told as just past, or intent denied in the same breath ("I wasn't going to do owt").
    passed: {
      weight: 2,
      phrases: ['!was not going to do owt|anything|something ~ today|tomorrow|weekend|tonight|fun|exciting|special|else|about', 'had a bad moment ~ shop|shops|purse|bus|dropped|fell|work|meeting'],
    },
    // A loss: with withdrawal or any other sign, worth asking.
    loss: {
      weight: 1,
      phrases: ['!since the funeral', 'since * passed|died', 'since he|she went|died|passed', 'grief', 'lost our|my ~ keys|phone|glasses|purse|wallet|way|card|bag|voice|dog|cat|hat|coat|gloves|signal|job|ticket|specs|teeth|post|letter'],
    },
    // No hope, no worth, no reason.
    hopeless: {
      weight: 2,
      phrases: [
        'what is it all for', 'what am i for', 'what use am i', 'reason to get up', 'reason to live|carry|keep', 'am disappearing', 
        'nothing inside me|now', 'can not get out from under', 'feel like i am already gone', 'i am already gone ~ work|shop|shops|out|home|bed|school|back', 'nothing left inside', 'there is nothing left ~ fridge|cupboard|cupboards|freezer|tin|bank|account|money|budget|eat|food|milk|bread|shop|shops',
        'fed up of|with me', 'dark in my|me head', 'dark place', 'from myself', 'protecting from is me', 'used to being forgot|forgotten|ignored', 'just low', 'by their own hand',
        'by my own hand', 'everyone ** dead ~ tired|beat|keen|set|against|easy', 'everyone ** fed up of|with me', 'there is no point ~ asking|ringing|going|waiting|calling|trying to',
        'no point starting|trying|carrying', 'nothing to get up for', 'can not go anywhere ~ without|frame|chair|stick|walker|car|lift|bus|snow|ice|weather|covid|isolating', 'wish it was all over', 'want it all to be over|stop', 'what use am i to anyone', 'not worth anything',
      ],
    },
    // Withdrawal and grief.
    withdrawal: {
      weight: 1,
      phrases: [
        'not|never eat|ate|eaten|eating|sleep|slept|sleeping ~ meat|fish|dairy|gluten|wheat|sugar|spicy|late|after|before|much|well|pork|beef|nuts|cheese|eggs|sweets',
        'lie|lay|lying awake', 'gone # year|years', 'not been out', 'not spoke|spoken to a soul', 'not spoke|spoken to anyone', 'tearful', 'crying', 'drink|drinking ~ tea|coffee|cuppa|water|juice|milk|squash|soup|bottle|straw|cup|hot|fizzy|glass',
        'tired all the time', 'holding it together', 'been stood|sat|up ** since', 'walk|wander round the house', 'weight i can not', 'not pray', 'not washed|showered',
      ],
    },
  },
  abuse: {
    harm: {
      weight: 3,
      phrases: [
        'he|she|they|husband|partner|son|boyfriend|girlfriend|dad|father|brother|carer ** kicking|kicked|kicks|banging|smashing|smashed ** door|doors|in',
        'knife|knives out', 'pulled a knife', 'bruise|bruises|bruised ~ fell|knock|knocked|bumped|banana|apple|fruit|easily|thinners|pear|peaches|leg|knee|shin',
        'face is a mess', 'black eye ~ cupboard|door|fell|fall', 'split lip', 'grabbed|grabs me', 'by my|the throat|hair', 'threw me',
        'he|she ** a|the gun|knife ~ butter|bread|sharpen|sharpening|sharpener', 'hurt the kids|children|baby', 'hurts the kids|children|baby',
      ],
    },
    // Injuries hidden or explained away.
    hidden: { weight: 2, phrases: ['i said i fell', 'did not fall', 'said i walked into', 'long sleeves so', 'cover the bruises|marks'] },
    control: {
      weight: 2,
      phrases: [
        'checking|checks|checked|reads my phone|messages|texts', 'goes through my phone|messages|texts', 'took|takes|taken|keeps my bank|card|money|pension|passport|benefits ~ shop|shopping|pay|post|office|bills|safe',
        'no money of my own', 'take|taking|took the kids|children|baby ~ school|park|swimming|out|nursery|club|mums|dentist', 'never see them again', 'never see the|my kids|children again',
        'not allowed out', 'not allowed to go|see|ring|have|talk|phone', 'he|she|husband|partner|son|boyfriend|girlfriend|wife|daughter|carer ** will not let me ~ app|website|computer|log|login|system|machine|council|bank|doctor|gp|form|near|cat|dog|drive|driving|pay|help|carry|lift',
        'keeps me locked', 'locks me', 'stood|standing in front of the door', 'blocking the door', 'not let me leave|out|go ~ hospital|ward|doctor|nurse', 'makes me ask for', 'ask him|her for money',
      ],
    },
    fear: {
      weight: 2,
      phrases: [
        'never used to be frightened|scared', 'please hurry ~ prescription|shopping|order|delivery|parcel', 'getting nasty', 'nasty with me', 'walking on eggshells', 'what he|she will do',
        'things are bad here|at home', 'get out of? the house ~ walk|fresh|air|garden|more|bit|shops|bored|often|today|week|car|dying|lol|anyway|haha', 'started getting nasty|angry|rough', 'he|she gets angry',
      ],
    },
  },
  medical: {
    signs: {
      weight: 3,
      phrases: [
        'room is|keeps spinning', 'can not grip', 'sugar|sugars|bloods|levels ** low|hypo ~ last|yesterday|was|ago|better|fine|normal|ok|salt|fat|calorie', 'hypo ~ last|yesterday|was|ago|allergenic',
        'shaking and sweating', 'sweating and shaking', 'can not feel my|me arm|leg|face|side|hand', 'face has|is dropped|dropping', 'can not see out of', 'worst headache',
        'can not wake him|her|them', 'will not wake', 'fitting ~ kitchen|carpet|bathroom|boiler|new|fitted|fitter', 'burning up ** shaking|shivering|confused', 'mottled', 'rash ** not fade',
        'he|she ** collapsed|fell ** not breathing|responding|waking|moving',
      ],
    },
    alone: {
      weight: 1,
      phrases: ['nobody here', 'no one here', 'on my own ~ shopping|walk|live|living', 'please hurry', 'right now', 'can not get to the phone', 'grip the phone', 'can not think straight'],
    },
  },
};
