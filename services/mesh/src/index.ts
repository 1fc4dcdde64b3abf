export { LaunchError, launchMesh } from './launch-mesh.ts';
export type { Crash, LaunchOptions, RunningMesh } from './launch-mesh.ts';
export { meshPorts, meshServices, serviceEnvironment } from './mesh-services.ts';
export type { MeshService } from './mesh-services.ts';
export { isPortFree } from './port-free.ts';
export { readableLogLine } from './readable-log.ts';
