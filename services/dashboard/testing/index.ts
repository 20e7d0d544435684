export {
  buildTestDashboard,
  type TestDashboard,
  type TestDashboardOptions,
  type TrustedDealer,
} from "./test-dashboard.ts";
