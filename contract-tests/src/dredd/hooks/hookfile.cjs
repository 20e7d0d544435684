// The hook file Dredd loads (it requires hook files, handing them its hooks API as the module "hooks").
// It only hands that API to the run that started Dredd (run-dredd.ts), where the Jeeves hooks live.
const hooks = require("hooks");

const register = globalThis[Symbol.for("jeeves.dredd.registerHooks")];
if (typeof register !== "function") {
  throw new Error("this hook file only works in a run started by contract-tests/src/dredd/run-dredd.ts");
}
register(hooks);
