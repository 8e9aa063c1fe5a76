import type { Catalogue } from './catalogue.js';

/**
 * English: complete, and the fallback for every other language. GOV.UK style: plain,
 * active, warm, short; read aloud as an 80-year-old on an old phone would hear it.
 */
export const en: Catalogue = {
  welcome: () =>
    'Hello, this is valued: neighbours helping each other. What would help you, and what could you give? We keep your details private. Shall we start?',
  welcomeVolunteer: () => 'Hello, this is valued: neighbours helping each other. Thank you for wanting to help! We keep your details private. Shall we start?',
  consentDeclined: () => "That's fine. Text START any time if you change your mind. Take care.",
  consentLater: () => "That's fine. Text START whenever suits you, and we'll carry on from there.",
  askName: ({ again }) => `${again ? '' : 'Thank you. '}What is your first name? Or reply SKIP.`,
  askPostcode: ({ name }) => `${name ? `Thanks, ${name}. ` : ''}What is your postcode? We only use it to find help near you. Or reply SKIP.`,
  askNeeds: () => 'What would help you?',
  askMoreNeeds: ({ added }) => `Added ${added}. Anything else?`,
  // The choices under it are the examples; doubtGift says them in words.
  askOffers: () => 'And what could you give? Everyone has something.',
  askMoreOffers: ({ added }) => `Added ${added}. Anything else?`,
  doubtGift: () =>
    'You have more to give than you might think. It could be a chat on the phone, a story, something you know how to do, or a recipe you love. What would you enjoy sharing?',
  confirm: ({ name, postcode, needs, offers }) =>
    `${name ? `Thanks, ${name}. ` : ''}What would help: ${needs}. What you could give: ${offers}. Postcode: ${postcode}. Is that right?`,
  askChange: () => 'What would you like to change?',
  noRush: () => 'No rush. Send it when you have it, or reply SKIP.',
  done: ({ name }) =>
    `Thank you${name ? `, ${name}` : ''}! We'll text you when someone can help, or when someone could use what you give. Text MENU to change anything.`,

  menu: () => 'What would you like to do?',
  saved: ({ what }) => `Saved: ${what}. Text MENU to change anything else.`,
  savedInstead: ({ what, before }) => `Saved: ${what}. Before, it was: ${before}. Text MENU to change it again.`,
  added: ({ what }) => `Thank you! We've added ${what}. Text MENU to change it.`,
  idle: () => 'Thanks for your message. Text MENU to see what you can do, or HELP.',
  finishFirst: () => "Let's finish signing up first. After that, text MENU to change anything.",

  helpAsked: ({ hint }) => `valued puts neighbours in touch to help each other. ${hint} Text MENU for more, or STOP to stop.`,
  help: () => 'valued puts neighbours in touch to help each other. Text MENU to change what you need or give, MY DATA to see your details, or STOP to stop.',
  helpMatched: ({ name }) => `Messages you send here go to ${name}. Reply SHARE to swap numbers, if you both want to. Reply DONE when the help is finished.`,
  stopped: () => "You'll get no more messages from valued. Text START if you want to come back. Take care.",
  welcomeBack: () => 'Welcome back to valued.',
  langChanged: () => "OK, we'll write in English from now on.",
  myData: ({ name, postcode, needs, offers }) =>
    `We hold your number, messages, name ${name}, postcode ${postcode}, needs: ${needs}, offers: ${offers}. FORGET ME deletes them.`,
  forgetConfirm: () => 'This deletes your name, postcode, needs, offers and messages. Are you sure?',
  forgotten: () => 'Done. Your details are deleted. Take care, and text HELLO if you ever want to start again.',
  forgetKept: () => "OK, we haven't deleted anything.",
  volunteerThanks: () => 'Thank you for wanting to help!',

  faq: {
    cost: 'valued is free. Texts to us cost the same as any text, and most phone plans include them.',
    who: 'This is valued, a free service run by local volunteers. We put neighbours in touch to help each other.',
    number: 'We only have your number because you texted us. We never share it unless you say so. Text STOP any time.',
    how: "We ask what would help you and what you could give. Then we find someone nearby and check with you both. Nobody's number is shared.",
    privacy: 'Only our team sees your details. A helper sees your first name and area, never your number unless you both say SHARE.',
    progress: "We're still looking, and we'll text you as soon as someone says yes.",
    change: 'Text MENU to change what would help, what you could give, your name or your postcode.',
    give: "It's not money. It can be a chat, a listening ear, something you know how to do, or a favourite recipe.",
    why: 'So we can find help near you, and a helper knows what to call you. You can reply SKIP.',
  },
  hint: {
    choice: 'Reply with the number of your answer.',
    many: 'Reply with the numbers, or tell me in your own words.',
    yesNo: 'Reply YES or NO.',
    name: 'Reply with your first name, or SKIP.',
    postcode: 'Reply with your postcode, like SA1 1AA, or SKIP.',
    words: 'Tell me in your own words.',
  },

  sorry: () => 'Sorry, I did not understand.',
  offerCoordinator: () => "Sorry, I'm not getting this right. Would you like someone from our team to get in touch?",
  coordinatorComing: () => 'Thank you. Someone from our team will be in touch soon.',
  coordinatorDeclined: () => "OK. Let's try again.",
  unsupportedMedia: () => 'Sorry, I can only read typed words. Please type your answer.',
  contactNotKept: () => "Thank you. We don't keep shared contacts, to keep them private. Please type your answer.",
  editedMessage: () => "I can't see changes to a message once it's sent. Please send it again as a new message.",
  groupChat: ({ bot }) => `Hello! I talk with people one to one, to keep things private. Please message me directly${bot ? `: @${bot}` : ''}.`,
  staleButton: () => 'That button was for an earlier question.',
  sorryError: () => 'Sorry, something went wrong on our side. Please try again in a little while.',

  askVolunteerOffers: () => 'Thank you! What could you help with?',
  askDistance: () => 'How far could you go to help in person?',
  askWhen: () => 'When are you usually free? Choose all that suit you.',
  askSafety: () => 'Before any help in person, a coordinator may check with you first. Your number stays private unless you agree. Is that OK?',
  phoneOnly: () => "That's fine. You can still help by phone.",
  volunteerDone: ({ code }) =>
    `You're on the list, thank you! We'll text you when someone could use your help. Your volunteer code is ${code}. PAUSE for a break.`,
  paused: () => "Paused. We won't ask you to help until you text RESUME. Thank you for all you do.",
  resumed: () => "Welcome back! We'll text you when someone could use your help.",
  nothingToPause: () => "You haven't offered anything yet. Text VOLUNTEER if you'd like to.",
  notPaused: () => "You're not paused. We'll text you when someone could use your help.",

  askToHelp: ({ what, place, code }) =>
    `Can you help? ${what}${place ? ` for someone near ${place}` : ' for someone, by phone'}. Reply YES ${code} or NO ${code}`,
  askToHelpOffer: ({ offer, what, place, code }) =>
    `You said you could offer ${offer}. Someone ${place ? `near ${place}` : ''} would like ${what}. Can you help? Reply YES ${code} or NO ${code}`.replace(
      'Someone  would',
      'Someone would',
    ),
  askWhich: ({ code }) => `Is that a yes? Please reply YES ${code} or NO ${code}.`,
  askAccepted: ({ name, what }) =>
    `Thank you! You're helping ${name} with ${what}. Send messages here and we'll pass them on. If you both reply SHARE, we'll swap numbers. Reply DONE when finished.`,
  matchFound: ({ name, what }) =>
    `Good news! ${name} can help with ${what}. Send messages here and we'll pass them on. If you both reply SHARE, we'll swap numbers. Reply DONE when finished.`,
  askTaken: () => 'Thank you! Someone else has already said yes to that one.',
  askDeclined: () => 'No problem, thank you for letting us know.',
  askLater: () => "No problem. Thank you, we'll ask you another time.",
  askUnknown: ({ code }) => `Sorry, I can't find a request with the code ${code}. Please check the number.`,
  stillLooking: ({ what }) => `We're still looking for someone to help with ${what}. A coordinator knows and will be in touch.`,
  relayFrom: ({ name }) => `${name}: `,
  whichMatch: ({ names, example }) => `Who is this for? You're talking with ${names}. Please start with their name, like ${example}`,
  shareWaiting: ({ name }) => `OK. We'll swap numbers when ${name} replies SHARE too.`,
  sharedContact: ({ name, contact }) => `${name} is happy to share. You can reach them on ${contact}.`,
  sharedNoContact: ({ name }) => `${name} is happy to share, but has no number or username to give. Keep talking here.`,
  matchDone: () => "Thank you. We've marked this as done.",
  matchDoneBy: ({ name }) => `${name} has marked this as done. Thank you!`,
  helperLeft: ({ what }) => `Your helper with ${what} can no longer help, sorry. We're looking for someone else.`,
  matchCancelled: ({ what }) => `The request for ${what} is no longer needed. Thank you for offering.`,
  followUp: ({ name, what }) => `Did ${name} help with ${what}?`,
  followUpThanks: () => "That's good to hear. Thank you for telling us.",
  followUpInvite: () => "People who have been helped often like to help too, even with a phone chat. If you'd like to, text VOLUNTEER.",
  followUpNotYet: () => "Thanks for telling us. We'll check again in a few days.",
  followUpProblem: () => "Sorry to hear that. We've told a coordinator, and they'll be in touch soon.",
  unreadNoted: () => 'Thank you for your message. Someone from our team will read it. Text MENU to see what you can do.',
  thankOffer: ({ name }) => `Would you like to thank ${name}? Send your message now and we'll pass it on. Or reply SKIP.`,
  thankSent: ({ name }) => `Thank you. We've passed your message to ${name}.`,
  thanksFrom: ({ name, words }) => `${name} says: ${words}`,
  madeADifference: ({ name, what }) => `Good news: ${name} says your help with ${what} made a difference. Thank you!`,
  someone: 'Someone',
  yourHelper: 'Your helper',
  newMember: 'A new member',
  problemNoWords: 'no details given',
  whatTheyAsked: 'what they asked for',

  alertUnmatched: ({ what, place, need }) => `valued: no one found yet for ${what} near ${place}. Need ${need}. Text NEEDS for all open needs.`,
  alertProblem: ({ name, what, words, contact }) => `valued: ${name} reported a problem with help for ${what}: "${words}". Please get in touch: ${contact}`,
  alertPerson: ({ name, reason, contact }) => `valued: ${name} would like a person (${reason}). Please get in touch: ${contact}`,
  verified: ({ name, code }) => `Verified ${name} (${code}) for help in person.`,
  verifyUnknown: ({ code }) => `No volunteer has the code ${code}.`,
  openNeeds: ({ count, list }) => `Open needs: ${count}. ${list}`,
  noOpenNeeds: () => 'No open needs right now.',

  crisis: ({ kind }) =>
    kind === 'medical'
      ? 'This sounds serious. Please call 999 now for an ambulance. For urgent advice call NHS 111. We have told our team.'
      : kind === 'abuse'
        ? "If you're in danger, call 999. Can't talk? Stay on the line and press 55. Domestic abuse helpline, free, any time: 0808 2000 247. We've told our team."
        : "I'm so sorry you feel like this. If you might act on it, call 999 now. Samaritans listen, free, day or night: 116 123. We've told our team.",
  safetyCheck: ({ kind }) =>
    kind === 'medical'
      ? "Are you safe right now? If it's an emergency, call 999. For urgent health advice call NHS 111. Please reply YES if you're safe, or NO."
      : kind === 'abuse'
        ? "I'm sorry. Are you safe right now? In danger, call 999. Domestic abuse helpline, free, any time: 0808 2000 247. Reply YES if you're safe, or NO."
        : "I'm sorry things feel so hard. Are you safe right now? Samaritans listen, free, any time: 116 123. Please reply YES if you're safe, or NO.",
  safeThanks: () => 'Thank you for telling me. You can text us any time, and Samaritans are always there on 116 123.',
  notSafe: () => "Thank you for telling me. Please call 999 if you're in danger now. We've told our team, and someone will be in touch.",
  alertCrisis: ({ name, words, contact }) => `valued URGENT: ${name} may be in danger: "${words}". Please get in touch now: ${contact}`,
  alertDistress: ({ name, words, contact }) => `valued: ${name} may be struggling: "${words}". We asked if they are safe. Please get in touch: ${contact}`,

  category: {
    shopping: 'shopping',
    medicines: 'medicines',
    dogs: 'dog walking',
    lifts: 'a lift',
    jobs: 'odd jobs',
    meals: 'a meal',
    visits: 'a visit',
    chat: 'a phone chat',
    listening: 'listening',
    teaching: 'teach a skill',
    recipes: 'a recipe',
    phonehelp: 'help by phone',
    tech: 'tech help',
    crafts: 'making or mending',
  },
  choice: {
    yes: 'Yes',
    no: 'No',
    nothingNow: 'Nothing now',
    notNow: 'Not now',
    change: 'Change something',
    allDone: 'That is all',
    name: 'Name',
    postcode: 'Postcode',
    needs: 'What would help',
    offers: 'What I give',
    myDetails: 'See my details',
    talkToPerson: 'Talk to a person',
    deleteYes: 'Yes, delete',
    deleteNo: 'No, keep them',
    street: 'Just my street',
    mile: 'Up to 1 mile',
    threeMiles: 'Up to 3 miles',
    fiveMiles: 'Up to 5 miles',
    tenMiles: 'Up to 10 miles',
    phoneOnly: 'By phone only',
    mornings: 'Mornings',
    afternoons: 'Afternoons',
    evenings: 'Evenings',
    weekdays: 'Weekdays',
    weekends: 'Weekends',
    anyTime: 'Any time',
    notYet: 'Not yet',
    problem: 'There was a problem',
    canHelp: 'Yes, I can help',
    cannotHelp: 'Not this time',
    safe: "Yes, I'm safe",
    notSafe: 'No',
  },
  none: 'nothing yet',
  summaryMax: 75,
  notGiven: 'not given',
  yourLocation: 'your location',
  andMore: ({ count }) => `and ${count} more`,
  join: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),

  sms: {
    pickMany: 'Reply with numbers or words.',
    pickOne: '',
  },
  telegram: {
    pickMany: 'Tap the buttons, or tell me in your own words.',
    pickOne: '',
  },
};
