import { mkdir } from "node:fs/promises";
import { closeOnSignals, createLogger, runMain } from "@jeeves/service-kit";
import { clusterSummary } from "./cluster/cluster-summary.ts";
import { ensureDatabase } from "./cluster/database.ts";
import { ensureInfrastructure } from "./cluster/infrastructure.ts";
import { planCluster } from "./cluster/plan.ts";
import { waitClientSecrets } from "./cluster/secrets.ts";
import { Supervisor } from "./cluster/supervisor.ts";
import { readLayout } from "./layout.ts";
import { startOpenWeatherMapMock } from "./openweathermap-mock.ts";

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm run start:cluster`: every service as its own built `node` process (two replicas of the slackbot
 * and of actions by default, `<SERVICE>_REPLICAS`), on PostgreSQL, RabbitMQ and Redis (DATABASE_URL,
 * BUS_URL, REDIS_URL; default the servers on 127.0.0.1, started when this machine has them stopped),
 * with the suite's ports and `data/` layout. SIGTERM or SIGINT stops every process (each drains) and
 * exits 0 when all stopped cleanly; a second signal, or 10 s passing, exits 1 and the processes still
 * running are killed (service-kit's closeOnSignals, as every service does).
 */
await runMain("jeeves-cluster", async () => {
  const env = process.env;
  const layout = readLayout(env);
  const infrastructure = await ensureInfrastructure(env, { say });
  if (await ensureDatabase(infrastructure.DATABASE_URL)) say("cluster: created the database DATABASE_URL names");
  await mkdir(layout.dataRoot, { recursive: true });
  const mock = env.OPENWEATHER_API_KEY ? undefined : await startOpenWeatherMapMock(layout);
  const openweathermap = mock
    ? { url: mock.url, demo: true }
    : { url: env.OPENWEATHER_URL || "https://api.openweathermap.org", demo: false };
  const weatherSource: Record<string, string> = { OPENWEATHER_URL: openweathermap.url };
  const processes = await planCluster(layout, env, infrastructure, (service) =>
    service.name === "weather" ? weatherSource : {},
  );

  // Giving up on a process that keeps exiting stops the cluster as a signal would (and exits 1).
  const supervisor = new Supervisor({ say, onGiveUp: () => process.kill(process.pid, "SIGTERM") });
  // Installed before the first process starts: a signal during the start stops what has started.
  closeOnSignals({
    log: createLogger("jeeves-cluster"),
    steps: () => [
      supervisor.shutdownStep(),
      ...(mock ? [{ name: "openweathermap mock", close: () => mock.close() }] : []),
    ],
  });

  try {
    for (const planned of processes) {
      await supervisor.start(planned);
      if (planned.service.name === "tokendealer") await waitClientSecrets(layout.dataRoot);
    }
  } catch (error) {
    await supervisor.stop();
    await mock?.close();
    throw error;
  }
  say(clusterSummary(layout, processes, supervisor.pids(), infrastructure, openweathermap));
});
