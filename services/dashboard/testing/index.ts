export {
  connectionRefused,
  neverAnswer,
  problemResponse,
  type ScriptedFetch,
  type SeenRequest,
  scriptedFetch,
} from "./scripted-fetch.ts";
export {
  buildTestDashboard,
  fakePersonTokens,
  fixedToken,
  type LoggedIn,
  type TestDashboard,
  type TestDashboardOptions,
} from "./test-dashboard.ts";
