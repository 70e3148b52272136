import type { ApiPack } from '../src/engine/pack.ts';
import { pack8x8 } from './8x8/index.ts';
import { packAmperity } from './amperity/index.ts';
import { packGithub } from './github/index.ts';
import { packLongjump } from './longjump/index.ts';
import { packNerm } from './nerm/index.ts';
import { packTwinit } from './twinit/index.ts';

/** Every API pack the server mounts, in mount order. A new pack is one import and one entry here. */
export const allPacks: readonly ApiPack[] = [pack8x8, packNerm, packTwinit, packAmperity, packLongjump, packGithub];
