// The one source of "now". Tests inject a movable clock to cross day and month boundaries.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
