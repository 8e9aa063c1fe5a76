/** The simulator page: plain HTML and a few lines of script, no build step, no downloads. */
export const SIMULATOR_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>valued simulator</title>
<style>
  body { font: 16px/1.4 system-ui, sans-serif; max-width: 32rem; margin: 1rem auto; padding: 0 1rem; color: #222; }
  h1 { font-size: 1.3rem; margin-bottom: .2rem; }
  p.note { color: #555; margin-top: 0; }
  label { display: block; margin: .8rem 0 .2rem; font-weight: 600; }
  input, textarea, button { font: inherit; padding: .5rem; box-sizing: border-box; }
  input, textarea { width: 100%; border: 1px solid #999; border-radius: .3rem; }
  #log { border: 1px solid #ccc; border-radius: .5rem; padding: .5rem; min-height: 14rem; max-height: 60vh; overflow-y: auto; background: #fafafa; }
  .msg { white-space: pre-wrap; margin: .4rem 0; padding: .5rem .7rem; border-radius: .8rem; max-width: 85%; }
  .in { background: #d8ecff; margin-left: auto; }
  .out { background: #fff; border: 1px solid #ddd; }
  .meta { font-size: .75rem; color: #666; }
  form { display: flex; gap: .5rem; margin-top: .5rem; }
  form textarea { flex: 1; height: 3rem; }
  button { border: 0; background: #1d5e3a; color: #fff; border-radius: .3rem; cursor: pointer; }
</style>
</head>
<body>
<h1>valued simulator</h1>
<p class="note">Talk to the bot as a person of your own: this browser keeps who you are, and only you see this conversation. Nothing is sent to a real phone, and you meet only other people trying the simulator.</p>
<label for="log">Conversation</label>
<div id="log" role="log" aria-live="polite"></div>
<form id="send">
  <textarea id="text" aria-label="Your message" placeholder="Type a message, e.g. hello"></textarea>
  <button type="submit">Send</button>
</form>
<script>
const log = document.getElementById('log');
const text = document.getElementById('text');
let last = '';
async function refresh() {
  const r = await fetch('/simulator/api/messages');
  if (!r.ok) return;
  const data = await r.json();
  const key = JSON.stringify(data.messages);
  if (key === last) return;
  last = key;
  log.replaceChildren(...data.messages.map((m) => {
    const div = document.createElement('div');
    div.className = 'msg ' + m.direction;
    div.textContent = m.text;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = (m.direction === 'in' ? 'you' : 'valued') + ' - ' + new Date(m.at).toLocaleTimeString() + (m.direction === 'out' ? ' - ' + m.status : '');
    div.appendChild(meta);
    return div;
  }));
  log.scrollTop = log.scrollHeight;
}
document.getElementById('send').addEventListener('submit', async (e) => {
  e.preventDefault();
  const words = text.value;
  if (!words.trim()) return;
  text.value = '';
  await fetch('/simulator/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: words }) });
  refresh();
});
text.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); document.getElementById('send').requestSubmit(); } });
setInterval(refresh, 1000);
refresh();
</script>
</body>
</html>
`;
