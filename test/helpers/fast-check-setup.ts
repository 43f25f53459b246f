/**
 * Every fast-check property of the unit project: FC_SEED=<seed> replays the run fast-check printed
 * with a failure (its report always names the seed and path), whichever file it is in.
 */
import fc from 'fast-check';

if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });
