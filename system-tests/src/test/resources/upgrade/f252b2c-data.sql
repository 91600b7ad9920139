-- What a county's database held under the code of commit f252b2c (its schema: the migrations beside this file):
-- a point with its device, a season of readings, people with roles, apps and sessions, an answered warning with its
-- deliveries (one still pending), a check-in, a patrol and a shift. Written against that schema only.
INSERT INTO hazard_point (code, name, hazard_type, latitude, longitude, county, township, village, households, people,
                          threatened_zone, evacuation_plan)
VALUES ('510100000901', '青龙村后山', 'landslide', 30.61, 104.07, '示例县', '青龙镇', '青龙村', 12, 40,
        '{"radius_m": 300}', '{"assembly_point": "school", "route": "north road"}');
INSERT INTO device (id, point_code, model, sample_interval_s, siren)
VALUES ('LF-U1', '510100000901', 'crack gauge', 600, false), ('SR-U1', '510100000901', 'siren', 600, true);
INSERT INTO sensor (device_id, channel, metric, unit, valid_min, valid_max)
VALUES ('LF-U1', 'crack_width', 'crack_width', 'mm', 0, 500);
INSERT INTO reading (sensor_id, ts, value, flags, received_at)
SELECT s.id, timestamptz '2026-06-01 00:00+08' + i * interval '10 minutes', i / 100.0, 0,
       timestamptz '2026-06-01 00:00+08' + i * interval '10 minutes' + interval '2 seconds'
FROM sensor s, generate_series(1, 2000) i WHERE s.device_id = 'LF-U1';
INSERT INTO device_state (device_id, online, status_at, battery_v, last_seen, last_seq, missed_samples)
VALUES ('LF-U1', true, '2026-06-14 09:00+08', 3.9, '2026-06-14 21:20+08', 2000, 3);
INSERT INTO person (name, phone, password_hash)
VALUES ('张村民', '13800000901', NULL), ('李值班', '13800000902', 'not-a-real-hash'),
  -- registry files then took spaces and dashes in phones, and stored them so
  ('王监测', '138 0000-0903', NULL), ('王监测', '13800000904', NULL), ('王监测同号', '138 0000 0904', NULL);
INSERT INTO person_role (person_id, role, county, point_code)
SELECT id, 'resident', '', '510100000901' FROM person WHERE phone = '13800000901';
INSERT INTO person_role (person_id, role, county, point_code)
SELECT id, 'duty_officer', '示例县', '' FROM person WHERE phone = '13800000902';
INSERT INTO push_token (person_id, token, platform) SELECT id, 'token-u1', 'android' FROM person
WHERE phone = '13800000901';
INSERT INTO refresh_token (person_id, token_hash, expires_at) SELECT id, 'hash-u1', '2027-06-01 00:00+08'
FROM person WHERE phone = '13800000902';
INSERT INTO duty_shift (county, person_id, role, starts_at, ends_at)
SELECT '示例县', id, 'duty_officer', '2026-06-01 08:00+08', '2026-06-30 08:00+08' FROM person
WHERE phone = '13800000902';
INSERT INTO alert (point_code, source, kind, level, title, raised_at, answered_at, answered_by)
SELECT '510100000901', 'warning', 'warning', 'orange', '青龙村后山: ORANGE warning', '2026-06-14 21:00+08',
       '2026-06-14 21:05+08', id FROM person WHERE phone = '13800000902';
INSERT INTO outbox (alert_id, person_id, channel, purpose, payload, state, attempts, sent_at)
SELECT a.id, p.id, 'push', 'notify', '{"level": "orange", "point": "510100000901", "alert_id": 1}', 'sent', 1,
       '2026-06-14 21:00:01+08'
FROM alert a, person p WHERE p.phone = '13800000901';
INSERT INTO outbox (alert_id, person_id, channel, purpose, payload, state)
SELECT a.id, p.id, 'push', 'reminder', '{"level": "orange", "point": "510100000901", "alert_id": 1}', 'pending'
FROM alert a, person p WHERE p.phone = '13800000902';
INSERT INTO check_in (alert_id, person_id, status, note)
SELECT a.id, p.id, 'evacuated', '在学校' FROM alert a, person p WHERE p.phone = '13800000901';
INSERT INTO patrol (point_code, person_id, patrolled_at, findings, abnormal)
SELECT '510100000901', id, '2026-06-10 10:00+08', '后缘裂缝无变化', false FROM person WHERE phone = '13800000902';
