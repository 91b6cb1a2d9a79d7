// A separate job worker for deployments on PostgreSQL (`npm run worker`).
const build = await import("./build/server/index.js");
const { startWorker, stopApplication } = build.entry.module;
try {
  await startWorker();
  console.log("Keydesk worker is running");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const stop = async () => {
  await stopApplication().catch(() => {});
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
