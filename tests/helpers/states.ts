/**
 * A conversation at each step, reached by talking to the engine as a person would, for
 * tests that must hold at every step.
 */
import { step } from '../../src/conversation/engine.js';
import type { ConversationInput } from '../../src/conversation/input.js';
import { initialState, type ConversationState, type Step } from '../../src/conversation/state.js';

export const SIGNUP = ['hello', 'yes', 'Ann', 'SA1 1AA', '1 3', '1', 'yes'];
export const FOLLOW_UP: ConversationInput = { kind: 'event', name: 'followup', matchId: 'M1', partner: 'Sam', what: 'shopping' };

export const PATHS: Record<Step, (string | ConversationInput)[]> = {
  new: [],
  consent: ['hello'],
  declined: ['hello', 'no'],
  name: ['hello', 'yes'],
  postcode: ['hello', 'yes', 'Ann'],
  needs: ['hello', 'yes', 'Ann', 'SA1 1AA'],
  offers: ['hello', 'yes', 'Ann', 'SA1 1AA', '1'],
  confirm: ['hello', 'yes', 'Ann', 'SA1 1AA', '1', '1'],
  change: ['hello', 'yes', 'Ann', 'SA1 1AA', '1', '1', '2'],
  idle: SIGNUP,
  menu: [...SIGNUP, 'menu'],
  forget: [...SIGNUP, 'forget me'],
  coordinator: ['hello', 'yes', 'Ann', '?', '?', '?'],
  v_offers: [...SIGNUP, 'volunteer'],
  v_distance: [...SIGNUP, 'volunteer', '1'],
  v_when: [...SIGNUP, 'volunteer', '1', '3'],
  v_safety: [...SIGNUP, 'volunteer', '1', '3', '2'],
  followup: [...SIGNUP, FOLLOW_UP],
  safety: ['hello', 'yes', 'Ann', 'nobody would miss me'],
  thank: [...SIGNUP, { ...FOLLOW_UP, partnerId: 'SAM' }, 'yes'],
};

/** The state at `target`, reached by talking (a minute between messages); throws if the path goes astray. */
export function stateAt(target: Step, start = 1_800_000_000_000): ConversationState {
  let state = initialState();
  let now = start;
  for (const raw of PATHS[target]) {
    state = step(state, typeof raw === 'string' ? { kind: 'text', text: raw } : raw, { now }).state;
    now += 60_000;
  }
  if (state.step !== target) throw new Error(`the path to ${target} ended at ${state.step}`);
  return state;
}
