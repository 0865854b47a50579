export interface HealthCheck {
  status: 'up' | 'down';
  detail?: string;
}

/** What readiness needs to know of the database: reachable, and every migration applied. */
export abstract class DatabaseHealth {
  abstract check(): Promise<{ postgres: HealthCheck; migrations?: HealthCheck }>;
}
