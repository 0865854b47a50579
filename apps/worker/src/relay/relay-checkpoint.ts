/** The relay's checkpoint in the feed: the relay moves it, the metrics measure the lag behind it. */
export const RELAY_CHECKPOINT = 'propagation-relay';
