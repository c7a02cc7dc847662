/** The local topology harness, for the topology suite and `bench:scale`. */
export { readTopologyEnv } from "./env";
export {
  topologyLayout,
  readTopologyState,
  writeTopologyState,
  type TopologyLayout,
  type TopologyState,
} from "./topology-layout";
export { startTopology, roleEnv } from "./start-topology";
export { stopTopology } from "./stop-topology";
export { readTopologyStatus, type TopologyStatus } from "./read-topology-status";
export { spawnDetached, waitForLine, stopProcess, type StartedProcess } from "./spawn-detached";
export { createRoundRobinProxy } from "./round-robin-proxy";
