import { type Units, UnknownPlace, type WeatherReport, type WeatherReports } from "@jeeves/weather-client";

/** WeatherReports for tests: the reports given by place, UnknownPlace for others, every call recorded. */
export class FakeWeather implements WeatherReports {
  /** Every call, oldest first. */
  readonly calls: Array<{ place: string; units: Units }> = [];
  /** While set, every call throws it (a WeatherUnavailable, say). */
  failure?: Error;

  constructor(readonly reports: Record<string, WeatherReport> = {}) {}

  async current(place: string, units: Units): Promise<WeatherReport> {
    this.calls.push({ place, units });
    if (this.failure) throw this.failure;
    const report = this.reports[place];
    if (!report) throw new UnknownPlace(place);
    return report;
  }
}
