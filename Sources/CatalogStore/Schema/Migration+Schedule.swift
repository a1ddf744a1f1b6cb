import GRDB

extension Migrations {
    /// v6: what the scheduler remembers per source (the last slot it ran, consecutive failures, back-off, a run
    /// stopped by a shutdown that the next scheduler resumes) and
    /// one lock row per source being harvested by a scheduler (owner pid and host, heartbeat).
    static let v6ScheduleState = """
    CREATE TABLE schedule_state (
        source_id TEXT PRIMARY KEY,
        last_slot TEXT,
        last_finished TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        backoff_until TEXT,
        last_error TEXT,
        resume_pending INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE schedule_locks (
        source_id TEXT PRIMARY KEY,
        token TEXT NOT NULL,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL
    );
    """
}
