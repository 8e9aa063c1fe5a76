/**
 * The people, in a process of their own: each works through a conversation over
 * signed Twilio webhooks, on real HTTP. Told by its parent (IPC) how many people, how
 * many messages each, and either "as fast as you can" or a rate in messages a second.
 * Reports every message's start time and webhook answer time.
 */
import { Agent, request } from 'undici';
import { inboundSmsParams, messageSid, twilioSignature } from '../tests/helpers/twilio.js';
import { now, sleep } from './lib.js';

export interface LoadOrder {
  url: string;
  publicUrl: string;
  authToken: string;
  people: number;
  firstNumber: number;
  script: string[];
  /** Messages a second across everyone; 0 means as fast as the server answers. */
  rate: number;
  /** With a rate: keep going this long (ms), cycling people. */
  durationMs?: number;
  concurrency?: number;
}

export interface Sent {
  sid: string;
  start: number;
  answerMs: number;
  status: number;
}

// undici's own request(), not fetch(): fetch's web streams cost about 3 ms of CPU a
// request here, so the harness took most of a core from the service it measures.
const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });

async function post(order: LoadOrder, from: string, body: string): Promise<Sent> {
  const sid = messageSid();
  const params = inboundSmsParams(from, body, sid);
  const path = '/webhooks/twilio/sms';
  const signature = twilioSignature(order.authToken, order.publicUrl + path, params);
  const start = now();
  const response = await request(order.url + path, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  await response.body.arrayBuffer();
  return { sid, start, answerMs: now() - start, status: response.statusCode };
}

async function run(order: LoadOrder): Promise<Sent[]> {
  const sent: Sent[] = [];
  const number = (i: number) => `+447${String(order.firstNumber + i).padStart(9, '0')}`;
  if (order.rate === 0) {
    // Flat out: each person sends their next message as soon as the last was accepted.
    await Promise.all(
      Array.from({ length: order.people }, async (_, i) => {
        for (const text of order.script) sent.push(await post(order, number(i), text));
      }),
    );
    return sent;
  }
  // Open loop at a fixed rate: message k starts at k / rate seconds, whoever is slow.
  const total = Math.floor((order.rate * (order.durationMs ?? 10_000)) / 1000);
  const perPerson = order.script.length;
  const t0 = now();
  const inflight: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const person = k % order.people;
    const step = Math.floor(k / order.people);
    if (step >= perPerson) break;
    const due = t0 + (k * 1000) / order.rate;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    inflight.push(post(order, number(person), order.script[step]!).then((s) => void sent.push(s)));
  }
  await Promise.all(inflight);
  return sent;
}

process.on('message', (order: LoadOrder) => {
  void run(order).then((sent) => {
    process.send!(sent, () => process.exit(0));
  });
});
