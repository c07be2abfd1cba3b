-- A database as frontwatch made it before schema migrations (metadata.create_all, commit 01e649d),
-- holding one report (tests/store/test_store.py's make_coded()): its schema, then its rows.
CREATE TABLE reports (
	id VARCHAR(128) NOT NULL, 
	text TEXT NOT NULL, 
	published DATE, 
	source TEXT, 
	title TEXT, 
	url TEXT, 
	ingested_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE events (
	event_id VARCHAR(128) NOT NULL, 
	report_id VARCHAR(128) NOT NULL, 
	report_ids TEXT NOT NULL, 
	event_date DATE, 
	date_end DATE, 
	time_precision INTEGER NOT NULL, 
	event_type TEXT NOT NULL, 
	sub_event_type TEXT NOT NULL, 
	actor1 TEXT, 
	assoc_actor_1 TEXT, 
	actor2 TEXT, 
	assoc_actor_2 TEXT, 
	inter1 INTEGER, 
	inter2 INTEGER, 
	country TEXT, 
	admin1 TEXT, 
	admin2 TEXT, 
	location TEXT, 
	latitude FLOAT, 
	longitude FLOAT, 
	geo_precision INTEGER, 
	fatalities INTEGER NOT NULL, 
	fatalities_low INTEGER NOT NULL, 
	fatalities_high INTEGER NOT NULL, 
	fatalities_qualifier TEXT, 
	injured INTEGER, 
	sources TEXT NOT NULL, 
	verification VARCHAR(32) NOT NULL, 
	evidence TEXT NOT NULL, 
	notes TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (event_id)
);
CREATE TABLE retired_events (
	event_id VARCHAR(128) NOT NULL, 
	replaced_by VARCHAR(128), 
	reason TEXT NOT NULL, 
	retired_at DATETIME NOT NULL, 
	PRIMARY KEY (event_id)
);
CREATE TABLE watch_sources (
	source TEXT NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	last_poll DATETIME, 
	last_success DATETIME, 
	last_error TEXT, 
	last_error_at DATETIME, 
	failures INTEGER NOT NULL, 
	next_poll DATETIME, 
	coded INTEGER NOT NULL, 
	updated INTEGER NOT NULL, 
	skipped INTEGER NOT NULL, 
	PRIMARY KEY (source)
);
CREATE TABLE watch_cursors (
	"key" TEXT NOT NULL, 
	fingerprint VARCHAR(64), 
	etag TEXT, 
	last_modified TEXT, 
	checked_at DATETIME NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE watch_items (
	"key" TEXT NOT NULL, 
	source TEXT NOT NULL, 
	content_hash VARCHAR(64) NOT NULL, 
	report_id VARCHAR(128) NOT NULL, 
	owner BOOLEAN NOT NULL, 
	first_seen DATETIME NOT NULL, 
	changed_at DATETIME NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE event_reports (
	event_id VARCHAR(128) NOT NULL, 
	report_id VARCHAR(128) NOT NULL, 
	PRIMARY KEY (event_id, report_id), 
	FOREIGN KEY(event_id) REFERENCES events (event_id) ON DELETE CASCADE
);
CREATE TABLE accounts (
	account_id VARCHAR(128) NOT NULL, 
	report_id VARCHAR(128) NOT NULL, 
	event_id VARCHAR(128) NOT NULL, 
	event_date DATE, 
	date_end DATE, 
	sub_event_type TEXT NOT NULL, 
	country TEXT, 
	record TEXT NOT NULL, 
	PRIMARY KEY (account_id), 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);
CREATE TABLE claims (
	id INTEGER NOT NULL, 
	event_id VARCHAR(128), 
	report_id VARCHAR(128) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	value INTEGER NOT NULL, 
	low INTEGER NOT NULL, 
	high INTEGER NOT NULL, 
	qualifier TEXT, 
	claimant TEXT, 
	cited TEXT, 
	"group" TEXT, 
	evidence TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(event_id) REFERENCES events (event_id) ON DELETE CASCADE, 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);
CREATE TABLE figures (
	id INTEGER NOT NULL, 
	report_id VARCHAR(128) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	value INTEGER NOT NULL, 
	low INTEGER NOT NULL, 
	high INTEGER NOT NULL, 
	qualifier TEXT, 
	claimant TEXT, 
	cited TEXT, 
	"group" TEXT, 
	evidence TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	period_start DATE, 
	period_end DATE, 
	area TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);
CREATE TABLE control_changes (
	id INTEGER NOT NULL, 
	report_id VARCHAR(128) NOT NULL, 
	account_id VARCHAR(128), 
	place TEXT NOT NULL, 
	place_key TEXT NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	holder TEXT, 
	previous TEXT, 
	"on" DATE, 
	claimant TEXT, 
	confirmed BOOLEAN NOT NULL, 
	evidence TEXT NOT NULL, 
	country TEXT, 
	admin1 TEXT, 
	latitude FLOAT, 
	longitude FLOAT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);
CREATE TABLE actor_relations (
	id INTEGER NOT NULL, 
	report_id VARCHAR(128) NOT NULL, 
	subject TEXT NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	object TEXT NOT NULL, 
	negated BOOLEAN NOT NULL, 
	qualifier TEXT, 
	claimant TEXT, 
	evidence TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE events_fts USING fts5(event_id UNINDEXED, notes, evidence);
CREATE INDEX ix_events_browse ON events (event_date IS NULL, event_date, event_id, sub_event_type, country, admin1, fatalities, verification, latitude, longitude, actor1, assoc_actor_1, actor2, assoc_actor_2, event_type);
CREATE INDEX ix_events_type_browse ON events (event_type, event_date IS NULL, event_date, event_id, sub_event_type, country, admin1, fatalities, verification, latitude, longitude, actor1, assoc_actor_1, actor2, assoc_actor_2);
CREATE INDEX ix_events_event_date ON events (event_date);
CREATE INDEX ix_events_country_admin1 ON events (country, admin1);
CREATE INDEX ix_events_report_id ON events (report_id);
CREATE INDEX ix_retired_events_replaced_by ON retired_events (replaced_by);
CREATE INDEX ix_retired_events_retired_at ON retired_events (retired_at);
CREATE INDEX ix_watch_items_content_hash ON watch_items (content_hash);
CREATE INDEX ix_event_reports_report_id ON event_reports (report_id);
CREATE INDEX ix_accounts_event_id ON accounts (event_id);
CREATE INDEX ix_accounts_report_id ON accounts (report_id);
CREATE INDEX ix_accounts_dates ON accounts (event_date, date_end);
CREATE INDEX ix_claims_report_id ON claims (report_id);
CREATE INDEX ix_claims_event_id ON claims (event_id);
CREATE INDEX ix_figures_report_id ON figures (report_id);
CREATE INDEX ix_control_changes_report_id ON control_changes (report_id);
CREATE INDEX ix_control_changes_place_key ON control_changes (place_key);
CREATE INDEX ix_actor_relations_report_id ON actor_relations (report_id);
CREATE INDEX ix_actor_relations_subject ON actor_relations (subject);
CREATE INDEX ix_actor_relations_object ON actor_relations (object);
INSERT INTO "reports" ("id", "text", "published", "source", "title", "url", "ingested_at") VALUES ('r369e8f04da0fdb44', 'Report from Idlib.', '2024-03-05', 'Levant Wire', 'Idlib', NULL, '2026-11-25 16:37:42.484452');
INSERT INTO "events" ("event_id", "report_id", "report_ids", "event_date", "date_end", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "fatalities_qualifier", "injured", "sources", "verification", "evidence", "notes", "created_at", "updated_at") VALUES ('eva985452fd91b9431', 'r369e8f04da0fdb44', '["r369e8f04da0fdb44"]', '2024-03-01', NULL, 1, 'Battles', 'Armed clash', 'Hayat Tahrir al-Sham', 'Turkistan Islamic Party', 'Military Forces of Syria (2000-2024)', NULL, 2, 1, 'Syria', 'Idlib', NULL, 'Kafr Nabl', NULL, NULL, NULL, 2, 0, 0, NULL, NULL, '[]', 'claimed', '["HTS fighters clashed with regime troops near Kafr Nabl."]', 'On 1 March 2024, HTS clashed with regime forces near Kafr Nabl; 2 fatalities.', '2026-11-25 16:37:42.484452', '2026-11-25 16:37:42.484452');
INSERT INTO "events" ("event_id", "report_id", "report_ids", "event_date", "date_end", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "inter1", "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "fatalities_qualifier", "injured", "sources", "verification", "evidence", "notes", "created_at", "updated_at") VALUES ('ev0dc0f49ebb3cad68', 'r369e8f04da0fdb44', '["r369e8f04da0fdb44"]', '2024-03-04', NULL, 1, 'Explosions/Remote violence', 'Shelling/artillery/missile attack', 'Military Forces of Syria (2000-2024)', NULL, 'Civilians (Syria)', NULL, 1, 7, 'Syria', 'Idlib', 'Idlib', 'Sarmin', 35.9, 36.7, 1, 5, 5, 7, 'at least', 12, '["White Helmets", "Levant Wire"]', 'unverified', '["At least five civilians were killed when government forces shelled Sarmin."]', 'On 4 March 2024, government forces shelled Sarmin, killing at least 5 civilians.', '2026-11-25 16:37:42.484452', '2026-11-25 16:37:42.484452');
INSERT INTO "event_reports" ("event_id", "report_id") VALUES ('eva985452fd91b9431', 'r369e8f04da0fdb44');
INSERT INTO "event_reports" ("event_id", "report_id") VALUES ('ev0dc0f49ebb3cad68', 'r369e8f04da0fdb44');
INSERT INTO "accounts" ("account_id", "report_id", "event_id", "event_date", "date_end", "sub_event_type", "country", "record") VALUES ('eva985452fd91b9431', 'r369e8f04da0fdb44', 'eva985452fd91b9431', '2024-03-01', NULL, 'Armed clash', 'syria', '{"event_id": "eva985452fd91b9431", "report_id": "r369e8f04da0fdb44", "report_ids": ["r369e8f04da0fdb44"], "event_date": "2024-03-01", "date_end": null, "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Hayat Tahrir al-Sham", "assoc_actor_1": "Turkistan Islamic Party", "actor2": "Military Forces of Syria (2000-2024)", "assoc_actor_2": null, "inter1": 2, "inter2": 1, "country": "Syria", "admin1": "Idlib", "admin2": null, "location": "Kafr Nabl", "latitude": null, "longitude": null, "geo_precision": null, "fatalities": 2, "fatalities_low": 0, "fatalities_high": 0, "fatalities_qualifier": null, "injured": null, "sources": [], "verification": "claimed", "evidence": ["HTS fighters clashed with regime troops near Kafr Nabl."], "notes": "On 1 March 2024, HTS clashed with regime forces near Kafr Nabl; 2 fatalities.", "claims": []}');
INSERT INTO "accounts" ("account_id", "report_id", "event_id", "event_date", "date_end", "sub_event_type", "country", "record") VALUES ('ev0dc0f49ebb3cad68', 'r369e8f04da0fdb44', 'ev0dc0f49ebb3cad68', '2024-03-04', NULL, 'Shelling/artillery/missile attack', 'syria', '{"event_id": "ev0dc0f49ebb3cad68", "report_id": "r369e8f04da0fdb44", "report_ids": ["r369e8f04da0fdb44"], "event_date": "2024-03-04", "date_end": null, "time_precision": 1, "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Military Forces of Syria (2000-2024)", "assoc_actor_1": null, "actor2": "Civilians (Syria)", "assoc_actor_2": null, "inter1": 1, "inter2": 7, "country": "Syria", "admin1": "Idlib", "admin2": "Idlib", "location": "Sarmin", "latitude": 35.9, "longitude": 36.7, "geo_precision": 1, "fatalities": 5, "fatalities_low": 5, "fatalities_high": 7, "fatalities_qualifier": "at least", "injured": 12, "sources": ["White Helmets", "Levant Wire"], "verification": "unverified", "evidence": ["At least five civilians were killed when government forces shelled Sarmin."], "notes": "On 4 March 2024, government forces shelled Sarmin, killing at least 5 civilians.", "claims": [{"kind": "killed", "value": 5, "low": 5, "high": 7, "qualifier": "at least", "claimant": "White Helmets", "cited": null, "group": "civilians", "evidence": "At least five civilians were killed", "start": 0, "end": 35}, {"kind": "injured", "value": 12, "low": 12, "high": 12, "qualifier": null, "claimant": null, "cited": null, "group": null, "evidence": "12 were wounded", "start": 0, "end": 0}]}');
INSERT INTO "claims" ("id", "event_id", "report_id", "kind", "value", "low", "high", "qualifier", "claimant", "cited", "group", "evidence", "start", "end") VALUES (1, 'ev0dc0f49ebb3cad68', 'r369e8f04da0fdb44', 'killed', 5, 5, 7, 'at least', 'White Helmets', NULL, 'civilians', 'At least five civilians were killed', 0, 35);
INSERT INTO "claims" ("id", "event_id", "report_id", "kind", "value", "low", "high", "qualifier", "claimant", "cited", "group", "evidence", "start", "end") VALUES (2, 'ev0dc0f49ebb3cad68', 'r369e8f04da0fdb44', 'injured', 12, 12, 12, NULL, NULL, NULL, NULL, '12 were wounded', 0, 0);
INSERT INTO "figures" ("id", "report_id", "kind", "value", "low", "high", "qualifier", "claimant", "cited", "group", "evidence", "start", "end", "period_start", "period_end", "area") VALUES (1, 'r369e8f04da0fdb44', 'displaced', 3000, 3000, 3000, NULL, NULL, NULL, NULL, '3,000 families fled', 0, 0, NULL, NULL, NULL);
INSERT INTO "events_fts" ("event_id", "notes", "evidence") VALUES ('eva985452fd91b9431', 'On 1 March 2024, HTS clashed with regime forces near Kafr Nabl; 2 fatalities.', 'HTS fighters clashed with regime troops near Kafr Nabl.');
INSERT INTO "events_fts" ("event_id", "notes", "evidence") VALUES ('ev0dc0f49ebb3cad68', 'On 4 March 2024, government forces shelled Sarmin, killing at least 5 civilians.', 'At least five civilians were killed when government forces shelled Sarmin.');
