import { MockAgent, setGlobalDispatcher } from "undici";

/**
 * Tests never reach the internet (STYLE habit 9): every request through undici's global dispatcher
 * — the HttpClient port and Node's fetch alike — that is not for this machine fails with
 * "connect disabled" instead of leaving it. Recorded real responses are served from a local server.
 */
const agent = new MockAgent();
agent.disableNetConnect();
agent.enableNetConnect((host) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host));
setGlobalDispatcher(agent);
