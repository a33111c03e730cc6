export { extractStatements, codePointIndexer } from './extract.js';
export { createLinker, entitiesOfDataset, foldName, type NameMatcherLike } from './linker.js';
export type * from './types.js';
