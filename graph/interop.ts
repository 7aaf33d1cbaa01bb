/**
 * The graphology add-ons are CommonJS packages whose typings say `export default`: at run time Node hands the
 * function itself to a default import, while TypeScript (NodeNext) types it as the module. One cast, here.
 */
import louvainModule from 'graphology-communities-louvain';
import forceAtlas2Module from 'graphology-layout-forceatlas2';

/** graphology-communities-louvain's function (with `.detailed`). */
export const louvain = louvainModule as unknown as typeof louvainModule.default;
/** graphology-layout-forceatlas2's function (with `.inferSettings`). */
export const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;
