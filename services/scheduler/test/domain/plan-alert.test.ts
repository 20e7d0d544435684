import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AlertSubscription } from "../../src/domain/alert-records.ts";
import { planAlert } from "../../src/domain/plan-alert.ts";

const USER = "0190b8a2-7c1e-7d4a-9f3e-5b2a1c0d9e8f";
const subscription = (overrides: Partial<AlertSubscription> = {}): AlertSubscription => ({
  user_id: USER,
  slack_team_id: "T0DRONES1",
  slack_user_id: "U0BERTIE1",
  alert_time: "08:00",
  timezone: "Europe/Paris",
  location: "Paris",
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe("planAlert", () => {
  it("sends at the user's local time, with their place, units and Slack user", () => {
    assert.deepEqual(planAlert(subscription({ units: "imperial" }), at("2026-11-28T07:05:00Z")), {
      plan: {
        kind: "send",
        localDate: "2026-11-28",
        alertMinutes: 480,
        place: "Paris",
        units: "imperial",
        team: "T0DRONES1",
        user: "U0BERTIE1",
      },
      timeZone: "Europe/Paris",
    });
  });

  it("is not due before the time or an hour after it", () => {
    assert.deepEqual(planAlert(subscription(), at("2026-11-28T06:59:00Z")).plan, { kind: "not-due" });
    assert.deepEqual(planAlert(subscription(), at("2026-11-28T08:00:00Z")).plan, { kind: "not-due" });
  });

  it("reads an unknown time zone as UTC, and says so", () => {
    const decision = planAlert(subscription({ timezone: "Europe/Atlantis" }), at("2026-11-28T08:00:00Z"));
    assert.equal(decision.timeZone, "UTC");
    assert.equal(decision.plan.kind, "send");
  });

  it("marks an alerts setting that is not a time", () => {
    assert.deepEqual(planAlert(subscription({ alert_time: "on" }), at("2026-11-28T07:00:00Z")).plan, {
      kind: "invalid-time",
    });
  });

  it("skips a due alert without a place, without a Slack user, or of the local chat", () => {
    const due = at("2026-11-28T07:00:00Z");
    const reason = (overrides: Partial<AlertSubscription>) => {
      const { plan } = planAlert(subscription(overrides), due);
      return plan.kind === "skip" ? [plan.reason, plan.localDate] : plan.kind;
    };
    assert.deepEqual(reason({ location: undefined }), ["no-location", "2026-11-28"]);
    assert.deepEqual(reason({ location: "   " }), ["no-location", "2026-11-28"]);
    assert.deepEqual(reason({ slack_team_id: undefined, slack_user_id: undefined }), [
      "no-slack-identity",
      "2026-11-28",
    ]);
    assert.deepEqual(reason({ slack_team_id: "TLOCAL", slack_user_id: "UL0123456789ABCDEF0123" }), [
      "local-chat-user",
      "2026-11-28",
    ]);
  });
});
