/** The one seeded PRNG lives in the core; the torture harnesses take it from here. */
export { seeded } from '../../electron/core/seeded-random';
