/**
 * The engine's side of volunteering and helping, pure: the facts a turn would be
 * given are written out here, and the effects and replies checked exactly.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/conversation/effects.js';
import { step } from '../../src/conversation/engine.js';
import { NO_FACTS, type Facts } from '../../src/conversation/facts.js';
import type { ConversationInput } from '../../src/conversation/input.js';
import { initialState, type ConversationState } from '../../src/conversation/state.js';
import { en } from '../../src/conversation/texts/en.js';

function run(inputs: (string | ConversationInput)[], from: ConversationState = initialState(), facts: Partial<Facts> = {}) {
  let state = from;
  const turns: Effect[][] = [];
  for (const raw of inputs) {
    const input: ConversationInput = typeof raw === 'string' ? { kind: 'text', text: raw } : raw;
    const result = step(state, input, { now: 0, facts: { ...NO_FACTS, newCode: 'K7P2QX', ...facts } });
    state = result.state;
    turns.push(result.effects);
  }
  return { state, turns, last: turns[turns.length - 1] ?? [] };
}
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'reply' ? [e.reply.text] : []));
const kinds = (effects: Effect[]) => effects.map((e) => e.type);
const others = (effects: Effect[]) => effects.filter((e) => e.type !== 'reply');
const signedUp = () => run(['hello', 'yes', 'Ann', 'SA1 1AA', '1', 'not now', 'yes']).state;

const OPEN_ASK = { code: '4821', needId: 'N1', what: 'shopping', requester: 'Ann', requesterId: 'ANN', open: true };
const TAKEN_ASK = { ...OPEN_ASK, code: '1234', needId: 'N2', open: false };
const MATCH = { id: 'M1', role: 'volunteer' as const, partner: 'Ann', partnerId: 'ANN', what: 'shopping', iShared: false, theyShared: false };

describe('a request answered by its code, wherever it is in their words', () => {
  it.each([
    ['YES 4821', 'yes'],
    ['yes4821', 'yes'],
    ['Yes, 4821.', 'yes'],
    ['y 4821', 'yes'],
    ['NO 4821', 'no'],
    ['no - 4821', 'no'],
    ['4821 yes', 'yes'],
    ['4821 NO', 'no'],
    ['Actually I can do tomorrow morning. YES 4821', 'yes'],
    ['Oh yes I would love to 4821', 'yes'],
    ['sorry cant tonight 4821', 'no'],
    ['ie iawn 4821', 'yes'],
  ])('%j is %s', (text, answer) => {
    const { last } = run([text], signedUp(), { asks: [OPEN_ASK] });
    expect(others(last)).toEqual([{ type: 'answerAsk', needId: 'N1', code: '4821', answer }]);
  });

  it('"not this week, maybe next 4821" declines this one kindly: we will ask another time', () => {
    const { last } = run(['not this week, maybe next 4821'], signedUp(), { asks: [OPEN_ASK] });
    expect(others(last)).toEqual([{ type: 'answerAsk', needId: 'N1', code: '4821', answer: 'no' }]);
    expect(replies(last)).toEqual(["No problem. Thank you, we'll ask you another time."]);
  });

  it('a code with no yes or no is asked about', () => {
    const { last } = run(['4821'], signedUp(), { asks: [OPEN_ASK] });
    expect(others(last)).toEqual([]);
    expect(replies(last)).toEqual(['Is that a yes? Please reply YES 4821 or NO 4821.']);
  });
});

describe('answering a request', () => {
  it('YES with the code of an open request accepts it, at any step', () => {
    const { last } = run(['YES 4821'], signedUp(), { asks: [OPEN_ASK] });
    expect(others(last)).toEqual([{ type: 'answerAsk', needId: 'N1', code: '4821', answer: 'yes' }]);
    expect(replies(last)).toEqual([
      "Thank you! You're helping Ann with shopping. Send messages here and we'll pass them on. If you both reply SHARE, we'll swap numbers. Reply DONE when finished.",
    ]);
    const midSignup = run(['hello', 'yes', 'YES 4821'], initialState(), { asks: [OPEN_ASK] });
    expect(others(midSignup.last)).toEqual([{ type: 'answerAsk', needId: 'N1', code: '4821', answer: 'yes' }]);
    expect(midSignup.state.step).toBe('name');
  });

  it('NO declines it kindly', () => {
    const { last } = run(['no 4821'], signedUp(), { asks: [OPEN_ASK] });
    expect(last).toEqual([
      { type: 'answerAsk', needId: 'N1', code: '4821', answer: 'no' },
      { type: 'reply', purpose: 'normal', reply: { lang: 'en', text: 'No problem, thank you for letting us know.' } },
    ]);
  });

  it('a later YES to a request someone else took hears "someone has it", and changes nothing', () => {
    const { last } = run(['YES 1234'], signedUp(), { asks: [TAKEN_ASK] });
    expect(last).toEqual([{ type: 'reply', purpose: 'normal', reply: { lang: 'en', text: 'Thank you! Someone else has already said yes to that one.' } }]);
    expect(replies(run(['go on then 1234'], signedUp(), { asks: [TAKEN_ASK] }).last)).toEqual(['Thank you! Someone else has already said yes to that one.']);
  });

  it('an unknown code gets a kind "please check"', () => {
    expect(replies(run(['YES 9999'], signedUp(), { asks: [OPEN_ASK] }).last)).toEqual([
      "Sorry, I can't find a request with the code 9999. Please check the number.",
    ]);
  });

  it.each(['Yes', "Oh yes I'd love to", 'happy to', 'go on then'])('a plain %j, with just one request open and nothing else asked, answers it', (text) => {
    const { last } = run([text], signedUp(), { asks: [OPEN_ASK] });
    expect(others(last)).toEqual([{ type: 'answerAsk', needId: 'N1', code: '4821', answer: 'yes' }]);
  });

  it('"Sorry cant tonight", with one request open, declines it', () => {
    const { last } = run(['Sorry cant tonight'], signedUp(), { asks: [OPEN_ASK] });
    expect(others(last)).toEqual([{ type: 'answerAsk', needId: 'N1', code: '4821', answer: 'no' }]);
  });

  it('a plain yes with two requests open needs the code', () => {
    const { last } = run(['yes'], signedUp(), { asks: [OPEN_ASK, { ...OPEN_ASK, code: '5555', needId: 'N3' }] });
    expect(others(last)).toEqual([]);
  });
});

describe('in more than one match', () => {
  const RITA = { ...MATCH, id: 'M1', partner: 'Rita', partnerId: 'RITA' };
  const TOM = { ...MATCH, id: 'M2', role: 'requester' as const, partner: 'Tom', partnerId: 'TOM' };

  it("words starting with a partner's name go to them", () => {
    expect(run(['Rita: I will bring the milk at 3'], signedUp(), { matches: [TOM, RITA] }).last).toEqual([
      { type: 'relay', matchId: 'M1', text: 'I will bring the milk at 3' },
    ]);
    expect(run(['tom, thanks!'], signedUp(), { matches: [TOM, RITA] }).last).toEqual([{ type: 'relay', matchId: 'M2', text: 'thanks!' }]);
  });

  it('words for no one in particular are not guessed: the bot asks who they are for', () => {
    const { last } = run(['I will bring the milk at 3'], signedUp(), { matches: [TOM, RITA] });
    expect(others(last)).toEqual([]);
    expect(replies(last)).toEqual(["Who is this for? You're talking with Tom and Rita. Please start with their name, like Tom: your message"]);
  });

  it('DONE and SHARE take a name', () => {
    expect(others(run(['DONE Rita'], signedUp(), { matches: [TOM, RITA] }).last)).toEqual([{ type: 'closeMatch', matchId: 'M1' }]);
    expect(others(run(['share tom'], signedUp(), { matches: [TOM, RITA] }).last)).toEqual([{ type: 'share', matchId: 'M2' }]);
    expect(replies(run(['done'], signedUp(), { matches: [TOM, RITA] }).last)).toEqual([
      "Who is this for? You're talking with Tom and Rita. Please start with their name, like DONE Tom",
    ]);
  });
});

describe('in a match', () => {
  it('words go to the other side, and nothing comes back to the sender', () => {
    const { last } = run(['Could you come at 3?'], signedUp(), { matches: [MATCH] });
    expect(last).toEqual([{ type: 'relay', matchId: 'M1', text: 'Could you come at 3?' }]);
  });

  it('SHARE agrees; contact details wait for the other side', () => {
    expect(run(['share'], signedUp(), { matches: [MATCH] }).last).toEqual([
      { type: 'share', matchId: 'M1' },
      { type: 'reply', purpose: 'normal', reply: { lang: 'en', text: "OK. We'll swap numbers when Ann replies SHARE too." }, about: 'ANN' },
    ]);
    // When the other side already agreed, the swap itself is the answer (from the handler).
    expect(run(['SHARE'], signedUp(), { matches: [{ ...MATCH, theyShared: true }] }).last).toEqual([{ type: 'share', matchId: 'M1' }]);
  });

  it('DONE closes the match', () => {
    expect(run(['done'], signedUp(), { matches: [MATCH] }).last).toEqual([
      { type: 'closeMatch', matchId: 'M1' },
      { type: 'reply', purpose: 'normal', reply: { lang: 'en', text: "Thank you. We've marked this as done." } },
    ]);
  });

  it('DONE from the person helped: they may thank their helper, and the thanks reaches them', () => {
    const requester = { ...MATCH, role: 'requester' as const, partner: 'Sam', partnerId: 'SAM' };
    const done = run(['done'], signedUp(), { matches: [requester] });
    expect(replies(done.last)).toEqual([
      "Thank you. We've marked this as done.",
      "Would you like to thank Sam? Send your message now and we'll pass it on. Or reply SKIP.",
    ]);
    expect(done.state.step).toBe('thank');
    const { state, last } = run(['Thank you so much Sam, you were a star'], done.state);
    expect(others(last)).toEqual([{ type: 'thank', matchId: 'M1', text: 'Thank you so much Sam, you were a star' }]);
    expect(replies(last)[0]).toBe("Thank you. We've passed your message to Sam.");
    expect(state.step).toBe('idle');
  });

  it('SKIP passes on nothing', () => {
    const requester = { ...MATCH, role: 'requester' as const, partner: 'Sam', partnerId: 'SAM' };
    const done = run(['done'], signedUp(), { matches: [requester] });
    const { last } = run(['skip'], done.state);
    expect(others(last)).toEqual([]);
  });

  it('both sides are told how to swap numbers: the person helped too', () => {
    expect(en.matchFound({ name: 'Sam', what: 'shopping' })).toMatch(/SHARE/);
    expect(en.askAccepted({ name: 'Ann', what: 'shopping' })).toMatch(/SHARE/);
  });

  it('without a match, "done" and "share" are just words', () => {
    expect(others(run(['done'], signedUp()).last)).toEqual([]);
  });
});

describe('the follow-up', () => {
  const event: ConversationInput = { kind: 'event', name: 'followup', matchId: 'M1', partner: 'Sam', what: 'shopping' };

  it('asks whether the help came, invites thanks, and comes back to where things were', () => {
    const asked = run([event], signedUp());
    expect(asked.state.step).toBe('followup');
    expect(replies(asked.last)).toEqual(['Did Sam help with shopping?']);
    const { state, last } = run(['yes she was lovely'], asked.state);
    expect(others(last)).toEqual([{ type: 'followUpOutcome', matchId: 'M1', outcome: 'helped' }]);
    expect(replies(last)).toEqual(["That's good to hear. Thank you for telling us.", en.followUpInvite()]);
    expect(state).toMatchObject({ step: 'idle', followup: null });
  });

  it('with the helper known, offers to pass on thanks; then, to someone who gives nothing yet, that people often like to help too', () => {
    const withHelper: ConversationInput = { ...event, partnerId: 'SAM' };
    const asked = run([withHelper, 'yes'], signedUp());
    expect(replies(asked.last)).toEqual([
      "That's good to hear. Thank you for telling us.",
      "Would you like to thank Sam? Send your message now and we'll pass it on. Or reply SKIP.",
    ]);
    const { last } = run(['Thank you Sam!'], asked.state);
    expect(others(last)).toEqual([{ type: 'thank', matchId: 'M1', text: 'Thank you Sam!' }]);
    expect(replies(last)).toEqual(["Thank you. We've passed your message to Sam.", en.followUpInvite()]);
  });

  it('does not invite someone who already gives', () => {
    const asked = run([event], signedUp(), { hasOffers: true });
    expect(replies(run(['1'], asked.state, { hasOffers: true }).last)).toEqual(["That's good to hear. Thank you for telling us."]);
  });

  it.each([
    ['2', 'not_yet', "Thanks for telling us. We'll check again in a few days."],
    ['no', 'not_yet', "Thanks for telling us. We'll check again in a few days."],
    ['Not yet, she is ringing me tomorrow', 'not_yet', "Thanks for telling us. We'll check again in a few days."],
    ['3', 'problem', "Sorry to hear that. We've told a coordinator, and they'll be in touch soon."],
  ])('%j is %s', (answer, outcome, reply) => {
    const { last } = run([event, answer], signedUp());
    expect(others(last)).toEqual([{ type: 'followUpOutcome', matchId: 'M1', outcome }]);
    expect(replies(last)).toEqual([reply]);
  });

  it.each(['there was a problem', 'she never turned up', 'he was very rude to me'])('%j is a problem, and its words go to the coordinator', (answer) => {
    const { last } = run([event, answer], signedUp());
    expect(others(last)).toEqual([{ type: 'followUpOutcome', matchId: 'M1', outcome: 'problem', words: answer }]);
  });

  it('a worded answer is the answer, never passed on to the helper', () => {
    const { last } = run([event, 'Not yet, she is ringing me tomorrow'], signedUp(), { matches: [{ ...MATCH, role: 'requester', partner: 'Sam' }] });
    expect(others(last)).toEqual([{ type: 'followUpOutcome', matchId: 'M1', outcome: 'not_yet' }]);
  });

  it('waits while another question is open, so the answer to that question is not misread', () => {
    const atNeeds = run(['hello', 'yes', 'Ann', 'SA1 1AA']).state;
    const waiting = run([event], atNeeds);
    expect(waiting.last).toEqual([]);
    expect(waiting.state.step).toBe('needs');
    const { state, turns } = run(['2', 'not now', 'yes'], waiting.state);
    expect(state.profile.needs).toEqual([{ category: 'medicines' }]); // "2" was medicines, not "Not yet"
    expect(replies(turns[2]!)).toEqual([expect.stringMatching(/^Thank you, Ann!/), 'Did Sam help with shopping?']);
    expect(state.step).toBe('followup');
  });

  it('words that do not answer the check-in are never passed to the helper: the question is asked again', () => {
    const { state, last } = run([event, 'see you tomorrow'], signedUp(), { matches: [{ ...MATCH, role: 'requester', partner: 'Sam' }] });
    expect(kinds(last)).toEqual(['reply']);
    expect(replies(last)[0]).toMatch(/^Sorry, I did not understand\. Did Sam help with shopping\?/);
    expect(state.step).toBe('followup');
  });

  it.each(['he asked me for money', 'he kept asking for my pin number', 'she never came, waste of time'])(
    'at the check-in, %j goes to a coordinator, never to the helper',
    (text) => {
      const { last } = run([event, text], signedUp(), { matches: [{ ...MATCH, role: 'requester', partner: 'Sam' }] });
      expect(kinds(last)).not.toContain('relay');
      expect(last).toContainEqual(expect.objectContaining({ type: 'followUpOutcome', outcome: 'problem' }));
    },
  );

  it('in a match, a complaint goes to a coordinator, not to the helper it is about', () => {
    const { last } = run(['he asked me for money'], signedUp(), { matches: [{ ...MATCH, role: 'requester', partner: 'Sam' }] });
    expect(kinds(last)).toEqual(['alertCoordinator', 'reply']);
    expect(last[0]).toMatchObject({ reason: 'problem', detail: 'he asked me for money' });
  });

  it('after DONE, thanks are passed on; a complaint or a question never is', () => {
    const thanking = run([{ ...event, partnerId: 'SAM' }, 'yes'], signedUp()).state;
    expect(thanking.step).toBe('thank');
    expect(kinds(run(['she never came, waste of time'], thanking).last)).not.toContain('thank');
    expect(kinds(run(['what happens now?'], thanking).last)).not.toContain('thank');
    expect(kinds(run(['thank you so much Sam'], thanking).last)).toContain('thank');
  });
});

describe('volunteering', () => {
  it('a newcomer texting VOLUNTEER is asked what, how far, when, and the safety line', () => {
    const { state, turns } = run(['VOLUNTEER', 'yes', 'Sam', 'SA1 1AB', '1 7', '3', '6', 'yes']);
    expect(replies(turns[3]!)[0]).toBe('Thank you! What could you help with?');
    expect(replies(turns[4]!)).toEqual(['How far could you go to help in person?']);
    expect(replies(turns[5]!)).toEqual(['When are you usually free? Choose all that suit you.']);
    expect(replies(turns[6]!)[0]).toMatch(/coordinator may check with you first/);
    expect(others(turns[7]!)).toEqual([
      { type: 'saveProfile', name: 'Sam', place: { postcode: 'SA1 1AB', outcode: 'SA1', sector: 'SA1 1' }, location: null, lang: 'en' },
      { type: 'saveItems', list: 'offers', items: [{ category: 'shopping' }, { category: 'chat' }] },
      { type: 'saveVolunteer', travelKm: 4.8, availability: 'any', code: 'K7P2QX' },
    ]);
    expect(replies(turns[7]!)[0]).toMatch(/Your volunteer code is K7P2QX/);
    expect(state).toMatchObject({ step: 'idle', onboarded: true, volunteering: null });
  });

  it('help by phone only skips distance and the safety line', () => {
    const { turns } = run(['volunteer', 'a phone chat', '2'], signedUp());
    expect(replies(turns[1]!)).toEqual(['When are you usually free? Choose all that suit you.']);
    expect(others(turns[2]!).find((e) => e.type === 'saveVolunteer')).toEqual({
      type: 'saveVolunteer',
      travelKm: 0,
      availability: 'afternoons',
      code: 'K7P2QX',
    });
  });

  it.each([
    ['weekday mornings', 'mornings,weekdays'],
    ['evenings after 6 and weekends', 'evenings,weekends'],
    ['1 and 5', 'mornings,weekends'],
    ['whenever love', 'any'],
  ])('when they are free: %j is %s', (text, availability) => {
    const { last } = run(['volunteer', 'a phone chat', text], signedUp());
    expect(others(last).find((e) => e.type === 'saveVolunteer')).toMatchObject({ availability });
  });

  it('saying no to the safety line means help by phone, kindly', () => {
    const { last } = run(['volunteer', '1', '2', '6', 'no'], signedUp());
    expect(others(last).find((e) => e.type === 'saveVolunteer')).toMatchObject({ travelKm: 0 });
    expect(replies(last)[0]).toBe("That's fine. You can still help by phone.");
  });

  it('keeps offers made at sign-up and adds the new ones', () => {
    const withOffers = run(['hello', 'yes', 'Ann', 'SA1 1AA', 'nothing', '3', 'yes']).state;
    const { last } = run(['volunteer', '1', '2', '6', 'yes'], withOffers);
    expect(others(last).find((e) => e.type === 'saveItems')).toEqual({
      type: 'saveItems',
      list: 'offers',
      items: [{ category: 'teaching' }, { category: 'shopping' }],
    });
  });

  it('asks where they are when in-person help is offered and no postcode is known', () => {
    const noPlace = run(['hello', 'yes', 'Ann', 'skip', 'nothing', 'nothing', 'yes']).state;
    const { state, last } = run(['volunteer', '1'], noPlace);
    expect(state.step).toBe('postcode');
    expect(replies(last)[0]).toMatch(/postcode/);
    expect(run(['SA1 1AA'], state).state.step).toBe('v_distance');
  });

  it('PAUSE and RESUME', () => {
    expect(run(['PAUSE'], signedUp(), { hasOffers: true }).last).toEqual([
      { type: 'setPaused', paused: true },
      { type: 'reply', purpose: 'normal', reply: { lang: 'en', text: "Paused. We won't ask you to help until you text RESUME. Thank you for all you do." } },
    ]);
    expect(others(run(['resume'], signedUp(), { hasOffers: true, paused: true }).last)).toEqual([{ type: 'setPaused', paused: false }]);
    expect(replies(run(['pause'], signedUp()).last)).toEqual(["You haven't offered anything yet. Text VOLUNTEER if you'd like to."]);
  });
});

describe('coordinators', () => {
  it('VERIFY and NEEDS are commands from a coordinator', () => {
    expect(run(['VERIFY k7p2qx'], signedUp(), { coordinator: true }).last).toEqual([{ type: 'coordinatorCommand', command: 'verify', code: 'K7P2QX' }]);
    expect(run(['needs'], signedUp(), { coordinator: true }).last).toEqual([{ type: 'coordinatorCommand', command: 'needs' }]);
  });

  it('from anyone else they are just words', () => {
    expect(others(run(['VERIFY K7P2QX'], signedUp()).last)).toEqual([]);
  });
});

describe('an address the provider will no longer deliver to', () => {
  const unreachable: ConversationInput = { kind: 'event', name: 'unreachable' };

  it.each([
    ['in the middle of signing up', () => run(['hello', 'yes']).state],
    ['signed up', signedUp],
    ['opted out', () => run(['stop'], signedUp()).state],
  ])('%s: leaves their matches if there is no other way to reach them, says nothing, changes nothing else', (_, before) => {
    const state = before();
    const result = step(state, unreachable, { now: 0, facts: { ...NO_FACTS, matches: [MATCH] } });
    expect(result.effects).toEqual([{ type: 'leaveIfUnreachable' }]);
    expect(result.state).toEqual(state);
  });

  it('back in reach (a bot unblocked): nothing said, nothing changed; the runner wakes their needs', () => {
    const state = signedUp();
    const result = step(state, { kind: 'event', name: 'reachable' }, { now: 0, facts: NO_FACTS });
    expect(result).toEqual({ state, effects: [] });
  });
});
