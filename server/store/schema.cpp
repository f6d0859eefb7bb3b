#include "store/schema.h"

namespace podium {

const QList<QStringList> &schemaMigrations()
{
    static const QList<QStringList> steps{
        // 1: people, metrics, activity, totals, the event log and rules.
        {
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE teams (id {BIGINT} PRIMARY KEY, name TEXT NOT NULL UNIQUE, color TEXT NOT NULL)",
            "CREATE TABLE people (id {BIGINT} PRIMARY KEY, name TEXT NOT NULL, team_id {BIGINT}, "
            "color TEXT NOT NULL, initials TEXT NOT NULL, external_id TEXT, email TEXT, "
            "active INTEGER NOT NULL, created_at TEXT NOT NULL)",
            "CREATE TABLE metrics (key TEXT PRIMARY KEY, label TEXT NOT NULL, unit TEXT NOT NULL, "
            "aggregation TEXT NOT NULL, higher_is_better INTEGER NOT NULL, periods TEXT NOT NULL)",
            "CREATE TABLE activities (id {BIGINT} PRIMARY KEY, person_id {BIGINT} NOT NULL, metric TEXT NOT NULL, "
            "amount {REAL} NOT NULL, at TEXT NOT NULL, idem_key TEXT UNIQUE, voided INTEGER NOT NULL, "
            "source TEXT, result TEXT)",
            "CREATE INDEX activities_person ON activities (person_id, metric, at)",
            "CREATE TABLE totals (metric TEXT NOT NULL, period TEXT NOT NULL, period_key TEXT NOT NULL, "
            "person_id {BIGINT} NOT NULL, value {REAL} NOT NULL, "
            "PRIMARY KEY (metric, period, period_key, person_id))",
            "CREATE TABLE events (seq {BIGINT} PRIMARY KEY, at TEXT NOT NULL, room TEXT NOT NULL, "
            "event TEXT NOT NULL, data TEXT NOT NULL)",
            "CREATE TABLE rules (id {BIGINT} PRIMARY KEY, metric TEXT NOT NULL, kind TEXT NOT NULL, "
            "period TEXT NOT NULL, params TEXT NOT NULL, badge TEXT, title TEXT NOT NULL, enabled INTEGER NOT NULL)",
            "CREATE TABLE milestones_fired (rule_id {BIGINT} NOT NULL, person_id {BIGINT} NOT NULL, "
            "period_key TEXT NOT NULL, value {REAL} NOT NULL, seq {BIGINT} NOT NULL, "
            "PRIMARY KEY (rule_id, person_id, period_key, value))",
            "CREATE TABLE badges (key TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, "
            "icon TEXT NOT NULL, rarity TEXT NOT NULL)",
            "CREATE TABLE badge_awards (badge TEXT NOT NULL, person_id {BIGINT} NOT NULL, at TEXT NOT NULL, "
            "reason TEXT NOT NULL, PRIMARY KEY (badge, person_id))",
            "CREATE TABLE streaks (person_id {BIGINT} PRIMARY KEY, current_days INTEGER NOT NULL, "
            "best_days INTEGER NOT NULL, last_day TEXT NOT NULL, started_day TEXT NOT NULL)",
            "CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, id {BIGINT} NOT NULL UNIQUE, kind TEXT NOT NULL, "
            "person_id {BIGINT}, team_id {BIGINT}, label TEXT NOT NULL, created_at TEXT NOT NULL, "
            "revoked INTEGER NOT NULL)",
        },
        // 2: contests, notifications, announcements and live sessions.
        {
            "CREATE TABLE contests (id {BIGINT} PRIMARY KEY, name TEXT NOT NULL, metric TEXT NOT NULL, "
            "starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, mode TEXT NOT NULL, prizes TEXT NOT NULL, "
            "state TEXT NOT NULL, placements TEXT, payout TEXT)",
            "CREATE TABLE notifications (id {BIGINT} PRIMARY KEY, person_id {BIGINT} NOT NULL, kind TEXT NOT NULL, "
            "title TEXT NOT NULL, body TEXT NOT NULL, is_read INTEGER NOT NULL, created_at TEXT NOT NULL)",
            "CREATE INDEX notifications_person ON notifications (person_id, id)",
            "CREATE TABLE announcements (id {BIGINT} PRIMARY KEY, text TEXT NOT NULL, kind TEXT NOT NULL, "
            "sound INTEGER NOT NULL, created_at TEXT NOT NULL, expires_at TEXT)",
            "CREATE TABLE sessions (id {BIGINT} PRIMARY KEY, person_id {BIGINT} NOT NULL, kind TEXT NOT NULL, "
            "started_at TEXT NOT NULL, ended_at TEXT, last TEXT NOT NULL)",
        },
        // 3: an activity remembers the seqs of the events it produced, so an
        // idempotent retry is answered from the log instead of a stored copy.
        {
            "ALTER TABLE activities ADD COLUMN first_seq {BIGINT}",
            "ALTER TABLE activities ADD COLUMN last_seq {BIGINT}",
        },
    };
    return steps;
}

} // namespace podium
