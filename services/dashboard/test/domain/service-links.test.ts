import assert from "node:assert/strict";
import { test } from "node:test";
import { SERVICE_MANIFESTS } from "@jeeves/manifest";
import { installUrl, serviceLinks } from "../../src/domain/service-links.ts";

test("every service of the manifest, in order, with <public URL>/docs; the dashboard's own on the page's origin", () => {
  const urls = Object.fromEntries(
    SERVICE_MANIFESTS.map((service) => [service.name, `https://${service.name}.example.com`]),
  );
  const links = serviceLinks(urls, { name: "dashboard" });
  assert.deepEqual(
    links.map((link) => link.name),
    SERVICE_MANIFESTS.map((service) => service.name),
  );
  assert.equal(links.find((link) => link.name === "weather")?.docs_url, "https://weather.example.com/docs");
  assert.equal(links.find((link) => link.name === "dashboard")?.docs_url, "/docs");
  const own = serviceLinks(urls, { name: "dashboard", url: "https://jeeves.example.com" });
  assert.equal(own.find((link) => link.name === "dashboard")?.docs_url, "https://jeeves.example.com/docs");
  assert.equal(links[0].description, SERVICE_MANIFESTS[0].description);
  assert.equal(installUrl("http://127.0.0.1:3002"), "http://127.0.0.1:3002/slack/install");
});
