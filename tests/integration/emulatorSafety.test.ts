/** The emulator is safe by default (issue 8, section 5). */
import { GraphEmulator } from "../../emulator";
import { useEmulator } from "../helpers/harness";

const env = useEmulator();
const admin = (url: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/_emulator/${path}`, { method, body, headers });

describe("the test-control API refuses bad input instead of failing later", () => {
  test("a fault rule whose path is no regular expression is refused with 400, and nothing is added", async () => {
    const response = await admin(
      env.emulator.url,
      "POST",
      "faults",
      JSON.stringify([
        { path: "^/v1.0/ok$", status: 429 },
        { path: "(", status: 429 },
      ]),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining("fault rule 1: path is not a valid regular expression") },
    });
    expect(env.emulator.pendingFaults()).toBe(0);
    // Later Graph requests are unaffected (they used to answer 500).
    expect((await fetch(`${env.emulator.url}/v1.0/external/connections`)).status).toBe(401);
  });

  test("malformed JSON is refused with 400, not 500", async () => {
    expect((await admin(env.emulator.url, "POST", "faults", "{not json")).status).toBe(400);
    expect((await admin(env.emulator.url, "POST", "faults", JSON.stringify({ status: "soon" }))).status).toBe(400);
  });
});

describe("bound beyond loopback", () => {
  test("it warns, says where it really listens, and requires a bearer token for /_emulator/", async () => {
    const warnings: string[] = [];
    const open = new GraphEmulator({ host: "0.0.0.0", warn: (line) => warnings.push(line) });
    const url = await open.start();
    try {
      expect(open.listenAddress).toMatch(/^0\.0\.0\.0:\d+$/);
      expect(warnings[0]).toBe(
        `WARNING: the Graph emulator listens on ${open.listenAddress}, beyond loopback; it is a test double with a published secret.`,
      );
      const token = /Bearer (\S+)$/.exec(warnings[1])![1];
      expect((await admin(url, "GET", "state")).status).toBe(401);
      expect((await admin(url, "GET", "state", undefined, { authorization: "Bearer wrong" })).status).toBe(401);
      expect((await admin(url, "GET", "state", undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await open.stop();
    }
  });

  test("EMULATOR_ADMIN_TOKEN (adminToken) sets the token and is not printed", async () => {
    const warnings: string[] = [];
    const open = new GraphEmulator({ host: "0.0.0.0", adminToken: "given-admin-token-123", warn: (line) => warnings.push(line) });
    const url = await open.start();
    try {
      expect(warnings.join("\n")).not.toContain("given-admin-token-123");
      expect((await admin(url, "GET", "state", undefined, { authorization: "Bearer given-admin-token-123" })).status).toBe(200);
    } finally {
      await open.stop();
    }
  });

  test("on loopback the control API stays open, as tests and CI use it", async () => {
    expect((await admin(env.emulator.url, "GET", "state")).status).toBe(200);
  });
});
