// The profile a command line asks for, with the scale its target gets.
import { defaultScale, type LoadtestArgs } from './cli-args.ts';
import { launchDayProfile, launchReplayProfile, soakProfile, spikeProfile } from './model-profiles.ts';
import { type Profile, peakStepProfile, peakSteps, smokeProfile } from './profiles.ts';

export function profileFor(args: LoadtestArgs): Profile {
  const scale = defaultScale(args);
  const load = { ...args.launch, scale };
  switch (args.profile) {
    case 'smoke':
      return smokeProfile(scale);
    case 'local-peak':
      // The first step; the run steps up from it (cli.ts).
      return peakStepProfile(peakSteps(scale, args.maxRate)[0] as number, args.holdSeconds);
    case 'launch-day':
      return launchDayProfile(load);
    case 'spike':
      return spikeProfile(load);
    case 'soak':
      return soakProfile(load, args.soakHours);
    case 'launch-replay':
      return launchReplayProfile(load, args.compression);
  }
}
