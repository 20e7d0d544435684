import assert from "node:assert/strict";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { fileStamp, writeFileAtomic } from "../../src/adapters/atomic-file.ts";
import { tempDir } from "../helper.ts";

test("writeFileAtomic creates folders, writes mode 600, replaces the file and leaves no temporary file", async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, "a", "b", "file.json");
  await writeFileAtomic(file, "one");
  assert.equal(await readFile(file, "utf8"), "one");
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  const before = await fileStamp(file);
  await writeFileAtomic(file, "two!");
  assert.equal(await readFile(file, "utf8"), "two!");
  assert.notEqual(await fileStamp(file), before);
  assert.deepEqual(await readdir(join(dir, "a", "b")), ["file.json"]);
});

test("writeFileAtomic tightens the mode of a file that was readable by others", async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, "loose");
  await writeFile(file, "x", { mode: 0o644 });
  await writeFileAtomic(file, "y");
  assert.equal((await stat(file)).mode & 0o777, 0o600);
});

test("fileStamp is undefined for a missing file", async (t) => {
  assert.equal(await fileStamp(join(await tempDir(t), "missing")), undefined);
});
