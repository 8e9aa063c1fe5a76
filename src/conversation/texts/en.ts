import type { Catalogue } from './catalogue.js';

/** English: complete, and the fallback for every other language. */
export const en: Catalogue = {
  welcome: () =>
    'Hi, this is valued: neighbours helping each other. What do you need, and what could you give? Your details stay private. Shall we start?',
  welcomeVolunteer: () =>
    'Hi, this is valued: neighbours helping each other. Thank you for wanting to help! Your details stay private. Shall we start?',
  consentDeclined: () => 'That is fine, nothing more is needed. Text START any time if you change your mind.',
  askName: () => 'Thank you. What is your first name? Or reply SKIP.',
  askPostcode: ({ name }) =>
    `${name ? `Thanks, ${name}. ` : ''}What is your postcode? We only use it to find help near you. e.g. SA1 1AA, or SKIP`,
  askNeeds: () => 'What would help you?',
  askMoreNeeds: ({ added }) => `Added ${added}. Anything else?`,
  askOffers: () => 'What could you give? Everyone has something.',
  askMoreOffers: ({ added }) => `Added ${added}. Anything else?`,
  confirm: ({ name, postcode, needs, offers }) =>
    `${name ? `${name}, you` : 'You'} would like: ${needs}. You could give: ${offers}. Near: ${postcode}. Is that right?`,
  askChange: () => 'What would you like to change?',
  done: ({ name }) =>
    `Thank you${name ? `, ${name}` : ''}! We will text you when someone can help, or when someone could use what you give. Text MENU to change things.`,

  menu: () => 'What would you like to do?',
  saved: ({ what }) => `Saved: ${what}. Text MENU to change anything else.`,
  idle: () => 'Thanks for your message. Text MENU to see what you can do, or HELP.',
  finishFirst: () => 'Let us finish signing up first. After that, MENU lets you change anything.',

  help: () =>
    'valued helps neighbours help each other. Answer my last question, or text MENU for options, MY DATA to see your details, FORGET ME to delete them, STOP to stop.',
  stopped: () => 'You will get no more messages from valued. Text START if you want to come back. Take care.',
  welcomeBack: () => 'Welcome back to valued.',
  myData: ({ name, postcode, needs, offers }) =>
    `We hold your number, messages, name ${name}, postcode ${postcode}, needs: ${needs}, offers: ${offers}. FORGET ME deletes it all.`,
  forgetConfirm: () => 'This deletes your name, postcode, needs, offers and messages. Are you sure?',
  forgotten: () => 'Done. Your details are deleted. Take care, and text HELLO if you ever want to start again.',
  forgetKept: () => 'OK, nothing was deleted.',
  volunteerThanks: () => 'Thank you for wanting to help!',

  reaskChoice: ({ example }) => `Sorry, I did not catch that. Please reply with a number, e.g. ${example}.`,
  reaskMany: () => 'Sorry, I did not catch that. Please send numbers, e.g. 1 3, or tell me in your own words.',
  reaskYesNo: () => 'Sorry, I did not catch that. Please reply 1 for yes or 2 for no.',
  reaskName: () => 'Sorry, please send just your first name, like Sam, or SKIP.',
  reaskPostcode: () => 'Sorry, I could not read that postcode. Please send it like SA1 1AA, or SKIP.',
  offerCoordinator: () => 'Sorry, I am not getting this right. Would you like someone from our team to get in touch?',
  coordinatorComing: () => 'Thank you. Someone from our team will be in touch soon.',
  coordinatorDeclined: () => 'OK. Let us try again.',
  unsupportedMedia: () => 'Sorry, I can only read typed words. Please type your answer.',
  staleButton: () => 'That button was for an earlier question.',
  sorryError: () => 'Sorry, something went wrong on our side. Please try again in a little while.',

  category: {
    shopping: 'shopping',
    medicines: 'medicines',
    dogs: 'dog walking',
    lifts: 'a lift',
    jobs: 'odd jobs',
    meals: 'a meal',
    chat: 'a phone chat',
    listening: 'listening',
    teaching: 'teach a skill',
    recipes: 'a recipe',
    phonehelp: 'help by phone',
    tech: 'tech help',
  },
  categoryWords: {
    shopping: ['shopping', 'shop', 'shops', 'groceries', 'grocery', 'food shop', 'supermarket', 'milk', 'bread', 'errands'],
    medicines: ['medicine', 'medicines', 'prescription', 'prescriptions', 'pharmacy', 'chemist', 'tablets', 'pills'],
    dogs: ['dog', 'dogs', 'dog walking', 'walk my dog', 'walking the dog', 'pet', 'pets'],
    lifts: ['lift', 'lifts', 'drive', 'driving', 'transport', 'appointment', 'appointments', 'hospital', 'doctor'],
    jobs: ['odd jobs', 'odd job', 'diy', 'repairs', 'garden', 'gardening', 'bins', 'handyman', 'fix'],
    meals: ['meal', 'meals', 'cooked', 'cooking', 'hot food', 'dinner', 'lunch'],
    chat: ['chat', 'phone chat', 'talk', 'talking', 'company', 'lonely', 'friend', 'natter', 'call', 'calls'],
    listening: ['listen', 'listening', 'listener', 'ear'],
    teaching: ['teach', 'teaching', 'skill', 'skills', 'lesson', 'lessons', 'knitting', 'language', 'music'],
    recipes: ['recipe', 'recipes', 'baking', 'cook'],
    phonehelp: ['help by phone', 'forms', 'form', 'letters', 'paperwork', 'bills', 'advice', 'phone calls'],
    tech: ['computer', 'laptop', 'tablet', 'internet', 'email', 'smartphone', 'tech', 'online', 'zoom', 'video call'],
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
  },
  none: 'nothing yet',
  notGiven: 'not given',
  yourLocation: 'your location',
  andMore: ({ count }) => `and ${count} more`,
  join: (items) => items.join(', '),

  sms: {
    pickMany: 'Reply e.g. 1 3, or in words.',
    pickOne: '',
  },
  telegram: {
    pickMany: 'Tap a button or type it in your own words.',
    pickOne: '',
  },
};
