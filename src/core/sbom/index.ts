export { buildBom } from './build-bom.js';
export type { BomOptions } from './options.js';
export { serializeBom } from './serialize.js';
export type { BomFormat, SerializeOptions } from './serialize.js';
export { DEV_PROPERTY, INSTALL_SCRIPT_PROPERTY, LOCKFILE_PROPERTY } from './component.js';
export { WORKSPACE_PROPERTY } from './workspaces.js';
