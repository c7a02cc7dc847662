/** The worker process's parts, for test harnesses that run it with their own settings. */
export { runWorkerProcess } from "./run-worker-process";
export { startWorker, type Worker, type IngestOptions } from "./start-worker";
export { startWorkerHeartbeat, type WorkerHeartbeat } from "./heartbeat";
