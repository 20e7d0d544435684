export { type FakeClock, fakeClock } from "./fake-clock.ts";
export { FakeWeather } from "./fake-weather.ts";
export { MemoryAlerts } from "./memory-alerts.ts";
export {
  startTestScheduler,
  type TestDataservice,
  type TestScheduler,
  type TestSchedulerOptions,
} from "./test-scheduler.ts";
export { weatherReport } from "./weather-report.ts";
