-- +goose Up
-- Versions of the welcome survey HR edits (app/profiles). A version is
-- never changed once published; answers name the version they answered.
-- Options are never removed, only retired, so an old key keeps its meaning.
CREATE TABLE survey_versions (
    version      INTEGER PRIMARY KEY,
    definition   TEXT NOT NULL, -- JSON profiles.Survey
    published_by TEXT NOT NULL DEFAULT '',
    published_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Version 1 is the survey Kizuna shipped with, so existing answers stay valid.
INSERT INTO survey_versions(version, definition, published_by) VALUES (1, json('{
  "version": 1,
  "intro": {"ja": "", "en": ""},
  "ask": {"join_year": true, "industry": true, "job_type": true, "comment": true},
  "interests_label": {"ja": "", "en": ""},
  "open_to_label": {"ja": "", "en": ""},
  "interests": [
    {"key": "news", "ja": "会社のニュース", "en": "Company news"},
    {"key": "meet_alumni", "ja": "アルムナイとの交流", "en": "Meeting alumni"},
    {"key": "events", "ja": "イベント・勉強会", "en": "Events and study sessions"},
    {"key": "career", "ja": "キャリア相談", "en": "Career advice"}
  ],
  "open_to": [
    {"key": "contract_work", "ja": "業務委託", "en": "Contract work"},
    {"key": "side_job", "ja": "副業", "en": "Side jobs"},
    {"key": "mentoring", "ja": "社外メンター", "en": "Mentoring"},
    {"key": "rehire", "ja": "カムバック・再入社", "en": "Rejoining (comeback)"},
    {"key": "casual_talk", "ja": "カジュアル面談", "en": "Casual talks"}
  ]
}'), 'kizuna');

-- Answers given before versions were stored answered version 1.
UPDATE survey_answers SET version = 1 WHERE version NOT IN (SELECT version FROM survey_versions);

-- Which survey answers HR lets appear on profiles: field -> "alumni" | "hr".
-- A field missing here is shown (when the member shows it too).
CREATE TABLE survey_profile_fields (
    field      TEXT PRIMARY KEY,
    visibility TEXT NOT NULL CHECK (visibility IN ('alumni','hr'))
);

-- +goose Down
DROP TABLE survey_profile_fields;
DROP TABLE survey_versions;
