/**
 * The dashboard as a person uses it, step by step, in one browser page: each step is a test of
 * dashboard.test.ts (run in order: each starts where the one before ended) and leaves a screenshot in
 * test-output/. Only what a person sees is used: labels, roles and text.
 */
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { screenshot } from "./browser.ts";

/** A running dashboard and the people the scenario logs in as. */
export interface Run {
  page: Page;
  /** The dashboard's address, such as http://127.0.0.1:43117. */
  baseUrl: string;
  admin: { email: string; password: string };
  /** The user the admin creates, who then logs in. */
  user: { name: string; email: string; password: string };
}

/** How long a step waits for what it expects to appear (the machine may be loaded). */
export const WAIT_MS = 20_000;
/** How long the chat waits for Jeeves's reply (through the slackbot, the bus, actions and weather). */
export const REPLY_WAIT_MS = 45_000;

/** Waits until `locator` is visible and returns its text. */
async function visibleText(locator: Locator, timeout = WAIT_MS): Promise<string> {
  await locator.waitFor({ state: "visible", timeout });
  return ((await locator.textContent()) ?? "").trim();
}

/** The page's main heading, once it says `name`. */
async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor({ state: "visible", timeout: WAIT_MS });
}

async function fillLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  // Enter submits, as a person would.
  await page.getByLabel("Password", { exact: true }).press("Enter");
}

/** Logs in from the login page and waits for the users page. */
export async function logIn(run: Run, who: { email: string; password: string }): Promise<void> {
  await heading(run.page, "Jeeves");
  await fillLogin(run.page, who.email, who.password);
  await heading(run.page, "Users");
}

/** Opens the dashboard (the login page), refuses a wrong password, then logs the admin in. */
export async function adminLogsIn(run: Run): Promise<void> {
  const { page } = run;
  await page.goto(run.baseUrl);
  await heading(page, "Jeeves");
  assert.match(page.url(), /#\/login$/, "someone logged out lands on the login page");
  await fillLogin(page, run.admin.email, `${run.admin.password}-wrong`);
  const refusal = await visibleText(page.getByRole("alert"));
  assert.match(refusal, /Wrong email or password/);
  await screenshot(page, "01-login-refused");
  await logIn(run, run.admin);
  const header = await visibleText(page.getByRole("banner"));
  assert.match(header, /Log out/);
  await screenshot(page, "02-users-as-admin");
}

/** The admin creates the user and sees them in the list. */
export async function adminCreatesUser(run: Run): Promise<void> {
  const { page, user } = run;
  await page.getByRole("link", { name: "Create user", exact: true }).click();
  await heading(page, "Create a user");
  await page.getByLabel("Name", { exact: true }).fill(user.name);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Create user", exact: true }).click();
  await heading(page, "Users");
  assert.match(await visibleText(page.getByRole("status").filter({ hasText: "was created" })), new RegExp(user.name));
  // Found by the search (other users may fill the first page).
  await page.getByLabel("Search users", { exact: true }).fill(user.email);
  const row = page.getByRole("row").filter({ hasText: user.email });
  assert.match(await visibleText(row), new RegExp(user.name));
  await screenshot(page, "03-user-created");
  await page.getByLabel("Search users", { exact: true }).fill("");
}

/** A bad email is refused by the API, and its message shows under the email input. */
export async function badEmailShowsFieldError(run: Run): Promise<void> {
  const { page } = run;
  await page.getByRole("link", { name: "Create user", exact: true }).click();
  await heading(page, "Create a user");
  await page.getByLabel("Name", { exact: true }).fill("Gussie Fink-Nottle");
  await page.getByLabel("Email", { exact: true }).fill("newts-are-not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("newts-newts-newts");
  await page.getByRole("button", { name: "Create user", exact: true }).click();
  const email = page.getByLabel("Email", { exact: true });
  const message = await visibleText(page.locator('.field-error[data-field="email"]'));
  assert.ok(message.length > 0, "the email input has the API's message under it");
  assert.equal(await email.getAttribute("aria-invalid"), "true");
  const describedBy = (await email.getAttribute("aria-describedby")) ?? "";
  const described = await page.locator(`[id="${describedBy.split(" ").at(-1)}"]`).textContent();
  assert.equal(described?.trim(), message, "the message is the input's description");
  await visibleText(page.getByRole("alert"));
  await heading(page, "Create a user");
  await screenshot(page, "04-bad-email");
  await page.getByRole("link", { name: "Cancel", exact: true }).click();
  await heading(page, "Users");
}

/** Logs out with the header's button and waits for the login page. */
export async function logOut(run: Run): Promise<void> {
  const { page } = run;
  // At phone width the button is in the folded menu.
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("button", { name: "Log out", exact: true }).click();
  await heading(page, "Jeeves");
  assert.match(page.url(), /#\/login$/);
}

/** The new user logs in, opens the admin's page and is refused when changing it (the dataservice's 403). */
export async function userCannotEditSomeoneElse(run: Run): Promise<void> {
  const { page } = run;
  await logOut(run);
  await logIn(run, run.user);
  const header = await visibleText(page.getByRole("banner"));
  assert.match(header, new RegExp(run.user.name));
  assert.equal(
    await page.getByRole("link", { name: "Create user", exact: true }).count(),
    0,
    "no Create for a non-admin",
  );
  await page.getByLabel("Search users", { exact: true }).fill(run.admin.email);
  const adminRow = page.getByRole("row").filter({ hasText: run.admin.email });
  await adminRow.waitFor({ state: "visible", timeout: WAIT_MS });
  await adminRow.getByRole("link").first().click();
  await heading(page, /^Edit /);
  const name = page.getByLabel("Name", { exact: true });
  const before = await name.inputValue();
  await name.fill(`${before} (changed by ${run.user.name})`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const refusal = await visibleText(page.getByRole("alert"));
  assert.ok(refusal.length > 0, "the refusal is shown");
  assert.doesNotMatch(refusal, /Saved/);
  await screenshot(page, "05-edit-refused");
  // Nothing changed: the admin's name is still the old one.
  await page.reload();
  await heading(page, /^Edit /);
  assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), before);
}

/** The user saves their own location on their profile, and it is still there after a reload. */
export async function userChangesLocation(run: Run): Promise<void> {
  const { page } = run;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile", exact: true }).click();
  await heading(page, "My profile");
  await page.getByLabel("Place", { exact: true }).fill("Paris");
  await page.getByRole("button", { name: "Save location", exact: true }).click();
  assert.match(await visibleText(page.getByRole("status").filter({ hasText: "Location saved" })), /Paris/);
  await screenshot(page, "06-location-saved");
  await page.reload();
  await heading(page, "My profile");
  await page.getByLabel("Place", { exact: true }).waitFor({ state: "visible", timeout: WAIT_MS });
  assert.equal(await page.getByLabel("Place", { exact: true }).inputValue(), "Paris");
}

/** `weather in Paris` in the chat: the message shows at once, Jeeves's reply when it comes. */
export async function userAsksForTheWeather(run: Run): Promise<void> {
  const { page } = run;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chat", exact: true }).click();
  await heading(page, "Chat with Jeeves");
  const input = page.getByLabel("Message to Jeeves", { exact: true });
  await input.fill("weather in Paris");
  await input.press("Enter");
  const log = page.getByRole("log");
  const mine = log.locator(".chat-me").last();
  assert.match(await visibleText(mine), /weather in Paris/);
  assert.equal(await input.inputValue(), "", "the input is emptied once sent");
  const reply = log.locator(".chat-jeeves, .chat-error").last();
  const text = await visibleText(reply, REPLY_WAIT_MS);
  assert.equal(await reply.getAttribute("class"), "chat-line chat-jeeves", `Jeeves answered, not an error: ${text}`);
  assert.match(text, /°/, `a weather report: ${text}`);
  await screenshot(page, "07-chat-weather");
}

/** At phone width the navigation folds into a menu that opens and closes. */
export async function phoneWidthMenu(run: Run): Promise<void> {
  const { page } = run;
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = page.getByRole("button", { name: "Menu", exact: true });
    await menu.waitFor({ state: "visible", timeout: WAIT_MS });
    assert.equal(await nav.isVisible(), false, "the navigation is folded");
    await menu.click();
    await nav.getByRole("link", { name: "Users", exact: true }).waitFor({ state: "visible", timeout: WAIT_MS });
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await screenshot(page, "08-phone-menu");
    await nav.getByRole("link", { name: "Users", exact: true }).click();
    await heading(page, "Users");
    await page.getByRole("table").waitFor({ state: "visible", timeout: WAIT_MS });
    assert.equal(await nav.isVisible(), false, "choosing a page folds the menu again");
    await screenshot(page, "09-phone-users");
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/** Logging out ends the session: the login page, also after a reload. */
export async function userLogsOut(run: Run): Promise<void> {
  const { page } = run;
  await logOut(run);
  await page.reload();
  await heading(page, "Jeeves");
  assert.match(page.url(), /#\/login$/);
  await screenshot(page, "10-logged-out");
}
