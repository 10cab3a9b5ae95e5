// Drives the reference server with the official LangGraph JS client (@langchain/langgraph-sdk, version pinned in
// package-lock.json). Usage: node script.mjs <apiUrl> <bearer token> [api key]
// Prints one line "RESULT <json>" with what it observed and exits 0; any failed check prints "FAILED <message>" and
// exits 1. The Java test LangGraphClientIT runs it against a live server.
import { Client } from "@langchain/langgraph-sdk";

const [apiUrl, token, apiKey] = process.argv.slice(2);
if (!apiUrl || !token) {
  console.error("usage: node script.mjs <apiUrl> <token>");
  process.exit(2);
}
const client = new Client({ apiUrl, apiKey: null, defaultHeaders: { Authorization: `Bearer ${token}` } });
const result = {};

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function collect(iterable) {
  const out = [];
  for await (const part of iterable) out.push(part);
  return out;
}

async function main() {
  // assistants
  const assistants = await client.assistants.search({ graphId: "approval" });
  check(assistants.length === 1 && assistants[0].graph_id === "approval", "assistants.search finds approval");
  const schemas = await client.assistants.getSchemas(assistants[0].assistant_id);
  check(schemas.input_schema.required[0] === "topic", "input schema names topic");

  // create thread -> stream a run -> hit the interrupt
  const thread = await client.threads.create({ graphId: "approval", metadata: { source: "js-client" } });
  let created;
  const parts = await collect(client.runs.stream(thread.thread_id, "approval", {
    input: { topic: "pricing" },
    streamMode: ["values", "updates"],
    onRunCreated: (meta) => { created = meta; },
  }));
  check(created && created.thread_id === thread.thread_id, "Content-Location gives the thread id");
  check(parts[0].event === "metadata" && parts[0].data.run_id === created.run_id,
    "first event is metadata with the run id of Content-Location");
  const interrupt = parts.find((p) => p.event === "updates" && p.data.__interrupt__);
  check(interrupt, "an updates event carries __interrupt__");
  check(interrupt.data.__interrupt__[0].value.question === "Approve this draft?", "interrupt value");
  const state = await client.threads.getState(thread.thread_id);
  check(state.next[0] === "review" && state.tasks[0].interrupts.length === 1, "state shows the pending review");
  const paused = await client.threads.get(thread.thread_id);
  check(paused.status === "interrupted", "thread is interrupted");
  result.streamEvents = parts.map((p) => p.event);
  result.runId = created.run_id;

  // Last-Event-ID: join the finished run's stream after event 1
  const joined = await collect(client.runs.joinStream(thread.thread_id, created.run_id, { lastEventId: "1" }));
  check(joined.length === parts.length - 2 && joined[0].id === "2", "joinStream resumes after Last-Event-ID 1");
  result.joinedFromId = joined[0].id;

  // resume with command.resume -> read history
  const done = await client.runs.wait(thread.thread_id, "approval", { command: { resume: "approve" } });
  check(done.status === "published", "resumed run publishes");
  const history = await client.threads.getHistory(thread.thread_id, { limit: 20 });
  check(history[0].values.status === "published", "history starts with the newest checkpoint");
  check(history.some((s) => s.next.includes("review") && s.tasks.some((t) => t.interrupts.length > 0)),
    "history holds the interrupted checkpoint");
  const runs = await client.runs.list(thread.thread_id);
  check(runs.length === 2 && runs.every((r) => r.status === "success"), "both runs succeeded");
  result.historyLength = history.length;

  // heartbeats and a reconnection: a slow run (each node pauses); the client's idle watchdog (400 ms, shorter than
  // the nodes' pauses) drops the connection and reconnects to Location with Last-Event-ID
  // (runs.stream does not pass onReconnect through, so the reconnections are seen in the client's onRequest hook)
  const reconnects = [];
  const watched = new Client({
    apiUrl, apiKey: null, defaultHeaders: { Authorization: `Bearer ${token}` },
    onRequest: (url, init) => {
      const lastEventId = init.headers?.["last-event-id"];
      if (lastEventId != null) reconnects.push({ path: new URL(url).pathname, lastEventId });
      return init;
    },
  });
  const slowThread = await client.threads.create({ graphId: "steps" });
  const slow = await collect(watched.runs.stream(slowThread.thread_id, "steps", {
    input: { topic: "slow", pause_ms: 1500 },
    streamMode: ["updates"],
    streamIdleReconnect: 400,
  }));
  const ids = slow.map((p) => Number(p.id));
  check(reconnects.length > 0, "the client reconnected");
  check(reconnects.every((r) => r.path.endsWith("/stream") && r.path.includes(slowThread.thread_id)),
    "reconnections go to the Location of the run's stream: " + JSON.stringify(reconnects));
  check(ids.every((id, i) => id === i), "no event lost or repeated across reconnections: " + ids);
  check(slow.filter((p) => p.event === "updates").length === 3, "all three node updates arrived");
  result.reconnects = reconnects.length;

  // raw SSE: heartbeat comments while a node works
  const raw = await client.runs.create(slowThread.thread_id, "steps", { input: { pause_ms: 1500 } });
  const response = await fetch(`${apiUrl}/threads/${slowThread.thread_id}/runs/${raw.run_id}/stream`,
    { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  const heartbeats = text.split("\n").filter((l) => l.startsWith(": heartbeat")).length;
  check(heartbeats >= 2, "heartbeats while idle: " + heartbeats);
  result.heartbeats = heartbeats;

  // multitask strategy reject: a second run while one is in flight is refused
  const busy = await client.runs.create(slowThread.thread_id, "steps", { input: { pause_ms: 500 } });
  let rejected = false;
  try {
    await client.runs.create(slowThread.thread_id, "steps", { input: {}, multitaskStrategy: "reject" });
  } catch (e) {
    rejected = String(e.message ?? e).includes("422") || e.status === 422;
  }
  check(rejected, "reject answers 422 while busy");
  await client.runs.join(slowThread.thread_id, busy.run_id);

  // a per-tenant API key: the client's apiKey option sends it as x-api-key, no bearer token
  if (apiKey) {
    const keyed = new Client({ apiUrl, apiKey });
    const keyedThread = await keyed.threads.create({ graphId: "steps" });
    const keyedValues = await keyed.runs.wait(keyedThread.thread_id, "steps", { input: { topic: "key" } });
    check(JSON.stringify(keyedValues.log) === '["one","two","three"]', "run with the API key: "
      + JSON.stringify(keyedValues));
    const seen = await client.threads.get(keyedThread.thread_id);
    check(seen.thread_id === keyedThread.thread_id, "the key's thread is the tenant's");
    result.apiKeyRunLog = keyedValues.log;
  }

  // run options: interrupt_before, then input null continues; command.goto; command.resume as an interrupt-id map
  const optThread = await client.threads.create({ graphId: "steps" });
  const before = await client.runs.wait(optThread.thread_id, "steps", { input: { topic: "opts" },
    interruptBefore: ["two"] });
  check(JSON.stringify(before.log) === '["one"]', "interruptBefore two pauses after one: " + JSON.stringify(before));
  const beforeState = await client.threads.getState(optThread.thread_id);
  check(beforeState.next[0] === "two", "the paused state's next is two: " + JSON.stringify(beforeState.next));
  const continued = await client.runs.wait(optThread.thread_id, "steps", { input: null });
  check(JSON.stringify(continued.log) === '["one","two","three"]', "input null continues: "
    + JSON.stringify(continued));
  const gotoParts = await collect(client.runs.stream(optThread.thread_id, "steps", {
    command: { goto: "three" }, streamMode: ["updates"] }));
  const gotoNodes = gotoParts.filter((p) => p.event === "updates").flatMap((p) => Object.keys(p.data));
  check(JSON.stringify(gotoNodes) === '["three"]', "command.goto runs three only: " + JSON.stringify(gotoNodes));
  const fork = await client.runs.wait(optThread.thread_id, "steps", { input: null,
    checkpointId: beforeState.checkpoint.checkpoint_id });
  check(JSON.stringify(fork.log) === '["one","two","three"]', "a run from the paused checkpoint replays two and three: "
    + JSON.stringify(fork));
  result.optionsLog = continued.log;
  result.gotoNodes = gotoNodes;

  const approvals = await client.threads.create({ graphId: "two_approvals" });
  const pending = await client.runs.wait(approvals.thread_id, "two_approvals", { input: {} });
  check(pending.__interrupt__?.length === 2, "two pending interrupts: " + JSON.stringify(pending));
  const answers = Object.fromEntries(pending.__interrupt__.map((i) => [i.id, i.value.approver === "legal" ? "yes"
    : "no"]));
  const answered = await client.runs.wait(approvals.thread_id, "two_approvals", { command: { resume: answers } });
  result.approvalsLog = [...answered.log].sort();
  check(JSON.stringify(result.approvalsLog) === '["finance:no","legal:yes"]', "resume by interrupt id: "
    + JSON.stringify(answered));

  // delete
  await client.threads.delete(thread.thread_id);
  let gone = false;
  try {
    await client.threads.get(thread.thread_id);
  } catch (e) {
    gone = true;
  }
  check(gone, "deleted thread is gone");
  console.log("RESULT " + JSON.stringify(result));
}

main().catch((e) => {
  console.log("FAILED " + (e && e.message ? e.message : e));
  process.exit(1);
});
