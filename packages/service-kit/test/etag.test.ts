import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ifMatchHolds, noneMatchHits } from "../src/etag.ts";

const ETAG = '"3-1f0c"';

describe("noneMatchHits", () => {
  it("hits the current tag, in a list, weak or *, and nothing else", () => {
    assert.equal(noneMatchHits(ETAG, ETAG), true);
    assert.equal(noneMatchHits(`"other", ${ETAG}`, ETAG), true);
    assert.equal(noneMatchHits(`W/${ETAG}`, ETAG), true);
    assert.equal(noneMatchHits("*", ETAG), true);
    assert.equal(noneMatchHits('"other"', ETAG), false);
    assert.equal(noneMatchHits('"3-1f0c', ETAG), false);
    assert.equal(noneMatchHits(undefined, ETAG), false);
    assert.equal(noneMatchHits("", ETAG), false);
  });
});

describe("ifMatchHolds", () => {
  it("holds for the current tag (strong comparison), in a list, or *", () => {
    assert.equal(ifMatchHolds(ETAG, ETAG), true);
    assert.equal(ifMatchHolds(`"other" , ${ETAG}`, ETAG), true);
    assert.equal(ifMatchHolds("*", ETAG), true);
  });

  it("fails for another tag and for a weak one", () => {
    assert.equal(ifMatchHolds('"other"', ETAG), false);
    assert.equal(ifMatchHolds(`W/${ETAG}`, ETAG), false);
  });

  it("holds without a header", () => {
    assert.equal(ifMatchHolds(undefined, ETAG), true);
    assert.equal(ifMatchHolds("", ETAG), true);
  });
});
