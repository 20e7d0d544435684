/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against the whole suite
 * in this process: log in (a wrong password refused first), create a user, a bad email's field error,
 * that user refused when changing someone else, their location, `weather in Paris` in the chat, the
 * menu at phone width, log out. The steps run in order in one page; each saves a screenshot in
 * test-output/. Without Chromium the tests are skipped with the reason, except under CI=true.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext } from "playwright-core";
import { chromiumCheck, launchChromium, watchPage } from "./browser.ts";
import {
  adminCreatesUser,
  adminLogsIn,
  badEmailShowsFieldError,
  phoneWidthMenu,
  type Run,
  userAsksForTheWeather,
  userCannotEditSomeoneElse,
  userChangesLocation,
  userLogsOut,
} from "./scenario.ts";
import { type BrowserSuite, buildPage, startSuite } from "./suite.ts";

const STEP = { timeout: 90_000 };
const chromium = chromiumCheck();

if (chromium.failure) {
  const failure = chromium.failure;
  test("Chromium is there for the browser tests", () => assert.fail(failure));
}

describe("the dashboard in a browser", { skip: chromium.skip, timeout: 600_000 }, () => {
  let suite: BrowserSuite | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let problems: string[] = [];
  const run = {} as Run;

  before(async () => {
    browser = await launchChromium();
    await buildPage();
    suite = await startSuite();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "en-GB" });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    problems = watchPage(page);
    Object.assign(run, {
      page,
      baseUrl: suite.dashboardUrl,
      admin: suite.admin,
      user: { name: "Bertie Wooster", email: "bertie@example.com", password: "what-ho-jeeves" },
    } satisfies Run);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await suite?.close();
  });

  test("the admin logs in, after a wrong password is refused", STEP, () => adminLogsIn(run));
  test("the admin creates a user and sees them in the list", STEP, () => adminCreatesUser(run));
  test("a bad email shows the API's validation error under the email input", STEP, () => badEmailShowsFieldError(run));
  test("the new user logs in and is refused when changing someone else", STEP, () => userCannotEditSomeoneElse(run));
  test("the user saves their own location", STEP, () => userChangesLocation(run));
  test("`weather in Paris` in the chat gets Jeeves's reply without a reload", STEP, () => userAsksForTheWeather(run));
  test("at phone width the navigation folds into a menu", STEP, () => phoneWidthMenu(run));
  test("logging out ends the session", STEP, () => userLogsOut(run));
  test("the page had no uncaught error and no CSP refusal", () => {
    if (problems.length > 0) throw new Error(problems.join("\n"));
  });
});
