export { extractStatements, codePointIndexer } from './extract.js';
export { createLinker, entitiesOfDataset } from './linker.js';
export type * from './types.js';
