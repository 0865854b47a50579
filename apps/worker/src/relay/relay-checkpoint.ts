/** The relay's checkpoint in the feed: the relay moves it, the metrics measure the lag behind it. */
export const RELAY_CHECKPOINT = 'propagation-relay';

/** The relay's checkpoint for findings: how far it has notified the findings the feed's events opened. */
export const FINDINGS_RELAY_CHECKPOINT = 'findings-relay';
