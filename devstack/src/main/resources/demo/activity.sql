-- The demo county's previous calendar year (China Standard Time) of example activity, loaded once after the demo
-- registry (demo/registry.yaml) so that its year-end report has something to count: warnings with their events,
-- answers, check-ins and deliveries; drills; patrols and danger reports; survey campaigns; at-risk houses; a treatment
-- accepted and the point struck off; disasters; training and outreach; hazard-assessment queries; cards and plans;
-- and the rain gauges' hourly rainfall on rainy days. Every date is computed from now(), so the year is always the
-- complete one before the current one. Plain SQL for PostgreSQL with or without TimescaleDB; the demo's loader runs it
-- in one transaction and records it as the source 'demo activity' in registry_seed.

-- A time and a day of the demo year, in China Standard Time; a person by phone.
CREATE FUNCTION pg_temp.demo_year() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::integer - 1 $$;
CREATE FUNCTION pg_temp.at(integer, integer, integer, integer) RETURNS timestamptz LANGUAGE sql STABLE AS
  $$ SELECT make_timestamp(pg_temp.demo_year(), $1, $2, $3, $4, 0) AT TIME ZONE 'Asia/Shanghai' $$;
CREATE FUNCTION pg_temp.day(integer, integer) RETURNS date LANGUAGE sql STABLE AS
  $$ SELECT make_date(pg_temp.demo_year(), $1, $2) $$;
CREATE FUNCTION pg_temp.who(text) RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT id FROM person WHERE phone = $1 $$;

-- ---- Warnings: the rainy season's, each with its alert id fixed here so that its events, answers and deliveries
-- ---- can follow. Times are (month, day, hour, minute); answered and closed are minutes after the raise.
CREATE TEMP TABLE demo_warning AS
SELECT nextval(pg_get_serial_sequence('alert', 'id')) AS id, w.*
FROM (VALUES
  ('w1', '500101002', 'warning', 5, 18, 22, 10, 'blue', NULL, NULL, 25, 300, '雨停后巡查，沟道无异常'),
  ('w2', '500101001', 'warning', 6, 12, 3, 20, 'yellow', NULL, NULL, 12, 420, '裂缝无新增变形，预警解除'),
  ('w3', '500101006', 'warning', 6, 12, 4, 5, 'blue', NULL, NULL, 18, 360, '雨量回落，巡查未见异常'),
  ('w4', '500101002', 'warning', 6, 29, 21, 0, 'yellow', 'orange', 110, 9, 600, '泥位回落，撤离群众已返回'),
  ('w5', '500101001', 'warning', 7, 14, 1, 0, 'yellow', 'red', 180, 6, 2880,
       '滑坡已发生，受威胁群众全部提前撤离，无人员伤亡；转入应急处置'),
  ('w6', '500101007', 'manual', 7, 14, 2, 0, 'orange', NULL, NULL, 4, 1440, '沟道浑水消退，群众安全返回'),
  ('w7', '500101004', 'manual', 6, 30, 8, 40, 'yellow', NULL, NULL, 7, 720, '裂缝已用彩条布覆盖，加密监测'),
  ('w8', '500101003', 'warning', 8, 3, 15, 30, 'blue', NULL, NULL, 20, 240, '崩塌已清理，道路恢复通行'),
  ('w9', '500101006', 'warning', 8, 21, 20, 15, 'yellow', NULL, NULL, 11, 480, '巡查未见新变形，预警解除'),
  ('w10', '500101002', 'warning', 9, 6, 18, 40, 'blue', NULL, NULL, 16, 300, '雨停，沟道水位正常')
) AS w(key, point_code, kind, m, d, h, mi, level, peak, peak_after, answered_after, closed_after, close_note);

ALTER TABLE demo_warning ADD COLUMN raised_at timestamptz;
UPDATE demo_warning SET raised_at = pg_temp.at(m, d, h, mi);

INSERT INTO alert (id, point_code, source, kind, level, title, drill, raised_at, answered_at, answered_by,
                   answered_level, closed_at, closed_by, close_note, level_since)
SELECT w.id, w.point_code,
       CASE w.kind WHEN 'warning' THEN 'warning' ELSE 'manual:demo-' || w.key END,
       w.kind, coalesce(w.peak, w.level),
       CASE w.kind WHEN 'warning' THEN p.name || ' warning' ELSE p.name || '：监测员报告险情，人工发布预警' END,
       false, w.raised_at,
       w.raised_at + make_interval(mins => coalesce(w.peak_after, 0) + w.answered_after::integer),
       pg_temp.who('13800000101'), coalesce(w.peak, w.level),
       w.raised_at + make_interval(mins => w.closed_after), pg_temp.who('13800000101'), w.close_note,
       w.raised_at + make_interval(mins => coalesce(w.peak_after, 0))
FROM demo_warning w JOIN hazard_point p ON p.code = w.point_code;

-- raised; the climb to the peak (through orange on the way to red); answered at each level; a monitor's receipt;
-- resolved
INSERT INTO alert_event (alert_id, at, type, level, actor, note, detail)
SELECT w.id, w.raised_at, 'raised', w.level, CASE w.kind WHEN 'manual' THEN pg_temp.who('13800000101') END,
       CASE w.kind WHEN 'manual' THEN '根据监测员险情报告发布' END,
       CASE w.kind WHEN 'warning' THEN '{"rules": {"rainfall": 2}}'::jsonb END
FROM demo_warning w;
INSERT INTO alert_event (alert_id, at, type, level, actor)
SELECT w.id, w.raised_at + make_interval(mins => w.answered_after), 'answered', w.level, pg_temp.who('13800000101')
FROM demo_warning w WHERE w.peak IS NOT NULL;
INSERT INTO alert_event (alert_id, at, type, level, detail)
SELECT w.id, w.raised_at + make_interval(mins => w.peak_after / 2), 'level_up', 'orange', '{"rules": {"crack": 3}}'
FROM demo_warning w WHERE w.peak = 'red';
INSERT INTO alert_event (alert_id, at, type, level, detail)
SELECT w.id, w.raised_at + make_interval(mins => w.peak_after), 'level_up', w.peak, '{"rules": {"crack": 4}}'
FROM demo_warning w WHERE w.peak IS NOT NULL;
INSERT INTO alert_event (alert_id, at, type, level, actor)
SELECT a.id, a.answered_at, 'answered', a.answered_level, a.answered_by
FROM alert a JOIN demo_warning w ON w.id = a.id;
INSERT INTO alert_event (alert_id, at, type, level, actor)
SELECT w.id, w.raised_at + make_interval(mins => coalesce(w.peak_after, 0) + w.answered_after + 3), 'received',
       coalesce(w.peak, w.level), min(r.person_id)
FROM demo_warning w JOIN person_role r ON r.point_code = w.point_code AND r.role = 'monitor'
GROUP BY w.id, w.raised_at, w.answered_after, w.peak_after, w.peak, w.level;
INSERT INTO alert_event (alert_id, at, type, level, actor, note)
SELECT a.id, a.closed_at, 'resolved', a.level, a.closed_by, a.close_note
FROM alert a JOIN demo_warning w ON w.id = a.id;

-- Deliveries, all sent: the warning to the point's monitors, responsible person and residents and the county's duty
-- officer and leader by push (monitors and the responsible person also by SMS), the all-clear to the same people,
-- and at red the siren.
INSERT INTO outbox (alert_id, person_id, channel, purpose, payload, state, attempts, next_attempt_at, created_at,
                    sent_at, result)
SELECT w.id, x.person_id, x.channel, x.purpose,
       jsonb_build_object('title', p.name || CASE x.purpose WHEN 'notify' THEN ': '
                              || upper(coalesce(w.peak, w.level)) || ' warning' ELSE ': warning ended' END,
                          'alert_id', w.id, 'point', w.point_code, 'point_name', p.name,
                          'level', coalesce(w.peak, w.level),
                          'event', CASE x.purpose WHEN 'notify' THEN 'raised' ELSE 'ended' END, 'drill', false),
       'sent', 1, x.at, x.at, x.at + interval '4 seconds', '{"delivered": true}'
FROM demo_warning w JOIN hazard_point p ON p.code = w.point_code
CROSS JOIN LATERAL (
  SELECT r.person_id, c.channel, 'notify' AS purpose,
         w.raised_at + make_interval(mins => coalesce(w.peak_after, 0)) AS at
  FROM person_role r CROSS JOIN (VALUES ('push'), ('sms')) c(channel)
  WHERE r.point_code = w.point_code AND (c.channel = 'push' OR r.role IN ('monitor', 'responsible_person'))
  UNION ALL
  SELECT r.person_id, 'push', 'notify', w.raised_at FROM person_role r
  WHERE r.county = p.county AND r.role IN ('duty_officer', 'leader')
  UNION ALL
  SELECT r.person_id, 'push', 'all_clear', w.raised_at + make_interval(mins => w.closed_after) FROM person_role r
  WHERE r.point_code = w.point_code
) x;
INSERT INTO outbox (alert_id, device_id, channel, purpose, payload, state, attempts, next_attempt_at, created_at,
                    sent_at, result)
SELECT w.id, d.id, 'siren', s.purpose,
       jsonb_build_object('type', 'siren', 'params', CASE s.purpose WHEN 'notify'
             THEN '{"action": "on", "pattern": "evacuate", "duration_s": 300}'::jsonb
             ELSE '{"action": "off"}'::jsonb END),
       'sent', 1, s.at, s.at, s.at + interval '2 seconds', '{"acknowledged": true}'
FROM demo_warning w JOIN device d ON d.point_code = w.point_code AND d.siren
CROSS JOIN LATERAL (VALUES ('notify', w.raised_at + make_interval(mins => w.peak_after)),
                           ('all_clear', w.raised_at + make_interval(mins => w.closed_after))) s(purpose, at)
WHERE w.peak = 'red';

-- Check-ins of the points' residents: evacuated at orange and red, safe otherwise
INSERT INTO check_in (alert_id, person_id, status, note, at)
SELECT w.id, r.person_id,
       CASE WHEN coalesce(w.peak, w.level) IN ('orange', 'red') THEN 'evacuated' ELSE 'safe' END,
       CASE WHEN coalesce(w.peak, w.level) IN ('orange', 'red') THEN '已到集合点' END,
       w.raised_at + make_interval(mins => coalesce(w.peak_after, 0) + 20 + (r.person_id % 7)::integer * 3)
FROM demo_warning w JOIN person_role r ON r.point_code = w.point_code AND r.role = 'resident'
WHERE w.level <> 'blue' OR w.peak IS NOT NULL;

-- ---- Drills: two on the registry's points, one with a drill alert and its messages (not counted as warnings).
INSERT INTO drill (point_code, note, started_at, started_by, ended_at, ended_by) VALUES
  ('500101001', '汛前应急避险演练：黄家湾村23户81人按撤离路线转移至石板镇中心小学操场', pg_temp.at(5, 20, 9, 0),
   pg_temp.who('13800000101'), pg_temp.at(5, 20, 11, 30), pg_temp.who('13800000101')),
  ('500101007', '黑水沟泥石流应急演练：鸣锣报警、沿南坡公路撤离至茶场', pg_temp.at(6, 6, 14, 0),
   pg_temp.who('13800000101'), pg_temp.at(6, 6, 16, 0), pg_temp.who('13800000101'));
INSERT INTO alert (point_code, source, kind, level, title, drill, raised_at, answered_at, answered_by, answered_level,
                   closed_at, closed_by, close_note)
VALUES ('500101001', 'manual:demo-drill', 'manual', 'red', '[演练] 黄家湾滑坡红色预警', true, pg_temp.at(5, 20, 9, 5),
        pg_temp.at(5, 20, 9, 9), pg_temp.who('13800000101'), 'red', pg_temp.at(5, 20, 11, 25),
        pg_temp.who('13800000101'), '演练结束，群众全部到达集合点');
INSERT INTO alert_event (alert_id, at, type, level, actor, note)
SELECT a.id, e.at, e.type, 'red', pg_temp.who('13800000101'), e.note
FROM alert a CROSS JOIN (VALUES (pg_temp.at(5, 20, 9, 5), 'raised', '演练'), (pg_temp.at(5, 20, 9, 9), 'answered', NULL),
                                (pg_temp.at(5, 20, 11, 25), 'resolved', '演练结束')) e(at, type, note)
WHERE a.source = 'manual:demo-drill';
INSERT INTO outbox (alert_id, person_id, channel, purpose, payload, drill, state, attempts, created_at, sent_at)
SELECT a.id, r.person_id, 'push', 'notify', jsonb_build_object('title', '[DRILL] Huangjiawan landslide: RED warning',
       'alert_id', a.id, 'point', a.point_code, 'level', 'red', 'event', 'raised', 'drill', true),
       true, 'sent', 1, a.raised_at, a.raised_at + interval '3 seconds'
FROM alert a JOIN person_role r ON r.point_code = a.point_code WHERE a.source = 'manual:demo-drill';
INSERT INTO check_in (alert_id, person_id, status, note, at)
SELECT a.id, r.person_id, 'evacuated', '演练', a.raised_at + interval '25 minutes'
FROM alert a JOIN person_role r ON r.point_code = a.point_code AND r.role = 'resident'
WHERE a.source = 'manual:demo-drill';

-- ---- Patrols: each monitor at each of their points, every day of June to August, weekly in April, May, September
-- ---- and October, monthly otherwise; the days of the storms found something.
INSERT INTO patrol (point_code, person_id, patrolled_at, findings, abnormal, latitude, longitude, created_at)
SELECT r.point_code, r.person_id, t.at,
       CASE WHEN t.storm THEN '强降雨后巡查：坡体局部有新裂缝、坡脚渗水变浑，已报告县值班室'
            WHEN extract(month FROM t.day) BETWEEN 6 AND 8 THEN '汛期日常巡查：裂缝、排水沟、坡脚无明显变化'
            ELSE '日常巡查：未见异常' END,
       t.storm, p.latitude + 0.0003, p.longitude - 0.0002, t.at
FROM person_role r JOIN hazard_point p ON p.code = r.point_code
CROSS JOIN LATERAL (
  SELECT g.day, (g.day::timestamp + interval '9 hours' + make_interval(mins => (p.code::bigint % 50)::integer))
             AT TIME ZONE 'Asia/Shanghai' AS at,
         (extract(month FROM g.day), extract(day FROM g.day)) IN ((6, 12), (7, 14), (8, 21)) AS storm
  FROM generate_series(pg_temp.day(1, 1), pg_temp.day(12, 31), interval '1 day') AS g(day)
  WHERE extract(month FROM g.day) BETWEEN 6 AND 8
     OR (extract(month FROM g.day) IN (4, 5, 9, 10) AND extract(isodow FROM g.day) = 2)
     OR extract(day FROM g.day) = 10
) t
WHERE r.role = 'monitor' AND p.status <> 'delisted';

-- ---- Danger reports: monitors' and the public's, each decided by the duty officer.
INSERT INTO danger_report (point_code, person_id, reported_at, signs, description, suggested_level, latitude,
                           longitude, state, alert_id, decided_at, decided_by, decision_note, from_public)
SELECT r.point_code, pg_temp.who(r.phone), r.at, r.signs, r.description, r.level, p.latitude, p.longitude, r.state,
       (SELECT w.id FROM demo_warning w WHERE w.key = r.warning), r.at + make_interval(mins => r.decided_after),
       pg_temp.who('13800000101'), r.note, r.public
FROM (VALUES
  ('500101004', '13800000106', pg_temp.at(6, 30, 8, 10), ARRAY['new_cracks', 'bulging'],
   '田坝村后山新增一条长约15米的拉张裂缝，宽2至3厘米，坡脚局部鼓胀', 'yellow', 'alert_raised', 'w7', 30,
   '发布黄色预警，通知受威胁群众做好撤离准备', false),
  ('500101007', '13800000106', pg_temp.at(7, 14, 1, 40), ARRAY['seepage_or_muddy_water', 'unusual_sounds'],
   '黑水沟沟水突然变浑，上游有轰鸣声', 'orange', 'alert_raised', 'w6', 20, '发布橙色预警，组织沟口群众撤离', false),
  ('500101002', '13800000103', pg_temp.at(5, 18, 21, 30), ARRAY['unusual_sounds'],
   '石沟上游夜间有异常响声，沟水略浑', 'blue', 'dismissed', NULL, 45, '已有蓝色预警，要求加密巡查，不另发预警', false),
  ('500101002', '13800000109', pg_temp.at(8, 10, 16, 20), ARRAY['falling_rocks'],
   '村道边坡掉下几块石头', 'blue', 'dismissed', NULL, 90, '经监测员核查为村道边坡局部掉块，已清理，不构成险情', true),
  ('500101006', '13800000111', pg_temp.at(9, 2, 7, 50), ARRAY['well_or_spring_change'],
   '屋后水井水位突然下降', 'blue', 'dismissed', NULL, 240, '经核查为旱季水位下降，坡体无变形，已告知群众', true)
) AS r(point_code, phone, at, signs, description, level, state, warning, decided_after, note, public)
JOIN hazard_point p ON p.code = r.point_code;

-- ---- At-risk houses of the county and their inspections.
INSERT INTO at_risk_house (county, township, village, kind, owner_name, owner_phone, address, latitude, longitude,
                           risk_grade, point_code, measures, created_by, created_at, updated_at)
SELECT 'Qingshan County', h.township, h.village, h.kind, h.owner, h.phone, h.address, h.lat, h.lon, h.grade, h.point,
       h.measures, pg_temp.who('13800000101'), pg_temp.at(3, 5, 10, 0), pg_temp.at(3, 5, 10, 0)
FROM (VALUES
  ('Shiban Town', 'Huangjiawan Village', 'cut_slope', '黄德明', '13900000201', '黄家湾村三组12号', 29.5738, 106.4620,
   'high', '500101001', '屋后切坡高约6米，汛期主汛期搬至亲戚家居住，雨天专人提醒'),
  ('Shiban Town', 'Shigou Village', 'cut_slope', '罗成芬', '13900000202', '石沟村一组5号', 29.6020, 106.4931,
   'medium', '500101002', '切坡坡脚砌筑挡墙，疏通屋后排水沟'),
  ('Yanwan Town', 'Yanwan Village', 'other', '邓永贵', '13900000203', '岩湾村二组8号', 29.5486, 106.4309,
   'medium', '500101003', '落石影响范围内，雨天不在屋后停留'),
  ('Yanwan Town', 'Tianba Village', 'cut_slope', '陈秀英', '13900000204', '田坝村四组3号', 29.5410, 106.4420,
   'high', '500101004', '治理期间临时搬迁至村委会安置房'),
  ('Longtan Town', 'Longtan Village', 'cut_slope', '唐正华', '13900000205', '龙潭村二组17号', 29.6399, 106.5330,
   'low', NULL, '切坡已放缓并植草'),
  ('Longtan Town', 'Shuanghe Village', 'cut_slope', '刘明全', '13900000206', '双河村四组2号', 29.6480, 106.5410,
   'high', NULL, '屋后切坡垮塌后已搬离，原房屋禁止居住')
) AS h(township, village, kind, owner, phone, address, lat, lon, grade, point, measures);
INSERT INTO house_inspection (house_id, person_id, inspected_at, findings, danger_found, created_at)
SELECT h.id, pg_temp.who(CASE WHEN h.township = 'Shiban Town' THEN '13800000103' ELSE '13800000106' END), i.at,
       CASE WHEN i.rain AND h.risk_grade = 'high' THEN '雨后检查：切坡表层有小规模溜土，已提醒住户暂时搬离'
            ELSE '房屋及屋后切坡无新增裂缝，排水通畅' END,
       i.rain AND h.risk_grade = 'high', i.at
FROM at_risk_house h
CROSS JOIN LATERAL (VALUES (pg_temp.at(5, 8, 10, 0), false), (pg_temp.at(7, 15, 15, 0), true),
                           (pg_temp.at(9, 20, 10, 30), false)) i(at, rain)
WHERE h.county = 'Qingshan County';

-- ---- Survey campaigns: before, during and after the flood season and after the July storm, with their targets,
-- ---- their inspections and a new point proposed; the struck-off Laoying slope re-checked (回头看) after the season.
INSERT INTO survey_campaign (county, kind, title, starts_on, ends_on, notes, created_by, created_at)
SELECT 'Qingshan County', c.kind, c.title, pg_temp.day(c.m1, c.d1), pg_temp.day(c.m2, c.d2), c.notes,
       pg_temp.who('13800000101'), pg_temp.at(c.m1, c.d1, 8, 30)
FROM (VALUES
  ('pre_flood', '汛前地质灾害隐患全面排查', 3, 20, 4, 20, '全县在册隐患点和临切坡建房逐点逐户排查'),
  ('in_season', '主汛期隐患点巡查', 6, 1, 8, 31, '主汛期重点隐患点巡查'),
  ('after_storm', '“7·14”强降雨后应急排查', 7, 14, 7, 17, '7月13日夜至14日晨强降雨后对全县隐患点应急排查'),
  ('post_flood', '汛后地质灾害隐患核查', 10, 10, 11, 10, '汛后核查，含已销号隐患点“回头看”')
) AS c(kind, title, m1, d1, m2, d2, notes);
INSERT INTO campaign_target (campaign_id, point_code, recheck)
SELECT k.id, p.code, k.kind = 'post_flood' AND p.status = 'delisted'
FROM survey_campaign k JOIN hazard_point p ON p.county = k.county
WHERE k.county = 'Qingshan County' AND k.starts_on >= pg_temp.day(1, 1) AND k.starts_on <= pg_temp.day(12, 31)
  AND (k.kind IN ('pre_flood', 'post_flood', 'after_storm')
       OR (k.kind = 'in_season' AND p.code IN ('500101001', '500101002', '500101006', '500101007')))
  AND (p.status <> 'delisted' OR k.kind IN ('pre_flood', 'post_flood'));
INSERT INTO campaign_target (campaign_id, house_id)
SELECT k.id, h.id FROM survey_campaign k JOIN at_risk_house h ON h.county = k.county
WHERE k.county = 'Qingshan County' AND k.kind IN ('pre_flood', 'post_flood')
  AND k.starts_on >= pg_temp.day(1, 1) AND k.starts_on <= pg_temp.day(12, 31);
-- every target inspected, but for the Yanwan rockfall after the storm (its road was cut)
INSERT INTO campaign_inspection (target_id, person_id, inspected_at, findings, danger_found, created_at)
SELECT g.id,
       pg_temp.who(CASE WHEN coalesce(p.township, h.township) = 'Shiban Town' THEN '13800000103'
                        ELSE '13800000106' END),
       (k.starts_on + (g.id % 9)::integer % (k.ends_on - k.starts_on + 1) + interval '10 hours')
           AT TIME ZONE 'Asia/Shanghai',
       CASE WHEN g.recheck THEN '“回头看”：抗滑桩和截排水沟运行正常，坡体无新增变形，维持销号'
            WHEN k.kind = 'after_storm' AND p.code = '500101001' THEN '滑坡已发生，后缘仍有裂缝，划定警戒区，禁止群众返回'
            WHEN k.kind = 'pre_flood' AND p.code = '500101006'
              THEN '隐患点变形稳定；龙潭村三组后山发现新的拉张裂缝，建议新增隐患点'
            WHEN k.kind = 'after_storm' THEN '雨后排查：坡体未见明显新增变形'
            WHEN h.id IS NOT NULL THEN '房屋及屋后切坡无新增裂缝'
            ELSE '隐患点无明显变化，监测设施完好，“两卡”已发放' END,
       coalesce((k.kind = 'after_storm' AND p.code = '500101001') OR (k.kind = 'pre_flood' AND p.code = '500101006'),
                false),
       now()
FROM campaign_target g JOIN survey_campaign k ON k.id = g.campaign_id
LEFT JOIN hazard_point p ON p.code = g.point_code LEFT JOIN at_risk_house h ON h.id = g.house_id
WHERE k.county = 'Qingshan County' AND k.starts_on >= pg_temp.day(1, 1) AND k.starts_on <= pg_temp.day(12, 31)
  AND NOT (k.kind = 'after_storm' AND g.point_code = '500101003');
INSERT INTO point_proposal (inspection_id, county, name, hazard_type, latitude, longitude, description)
SELECT ci.id, 'Qingshan County', '龙潭村三组后山滑坡', 'landslide', 29.6431, 106.5352,
       '龙潭村三组后山斜坡发现长约30米的拉张裂缝，坡下有农户5户18人，建议纳入隐患点管理'
FROM campaign_inspection ci JOIN campaign_target g ON g.id = ci.target_id
JOIN survey_campaign k ON k.id = g.campaign_id
WHERE k.county = 'Qingshan County' AND k.kind = 'pre_flood' AND g.point_code = '500101006' AND ci.danger_found
  AND k.starts_on >= pg_temp.day(1, 1);

-- ---- Engineering treatment: the Laoying slope's project accepted and the point struck off; Tianba's under way.
INSERT INTO treatment_project (point_code, name, method, stage, started_on, completed_on, accepted_on, acceptance,
                               funds_yuan, notes, created_by, created_at, updated_at)
VALUES
  ('500101005', '老营村不稳定斜坡治理工程', '抗滑桩18根、截排水沟420米、坡面植草', 'accepted', pg_temp.day(1, 1) - 110,
   pg_temp.day(2, 26), pg_temp.day(3, 28), '县自然资源局组织竣工验收，工程质量合格，同意交付使用', 3860000,
   '市级地质灾害防治专项资金', pg_temp.who('13800000101'), pg_temp.at(3, 28, 16, 0), pg_temp.at(3, 28, 16, 0)),
  ('500101004', '田坝村滑坡治理工程', '抗滑挡墙、截排水沟、削方减载', 'construction', pg_temp.day(11, 5), NULL, NULL,
   NULL, 2450000, '计划次年汛前完工', pg_temp.who('13800000101'), pg_temp.at(11, 5, 9, 0), pg_temp.at(11, 5, 9, 0));
INSERT INTO point_strike_off (point_code, reason, evidence, treatment_id, struck_off_on, recorded_by, created_at)
SELECT '500101005', 'treated', '治理工程竣工验收报告；验收后专业监测两个月无变形；县自然资源局核销批复',
       t.id, pg_temp.day(6, 1), pg_temp.who('13800000101'), pg_temp.at(6, 1, 10, 0)
FROM treatment_project t WHERE t.point_code = '500101005' AND t.stage = 'accepted';

-- ---- Disasters: a landslide at a registered point with everyone warned and safe, a cut-slope collapse off the
-- ---- register the same night, and a small rockfall on the Yanwan road.
INSERT INTO disaster_event (county, township, kind, point_code, place, latitude, longitude, occurred_at, volume_m3,
                            deaths, missing, injured, houses_destroyed, houses_damaged, direct_loss_yuan,
                            people_warned_safe, alert_id, investigation, investigated_on, handling, funds_yuan, notes,
                            created_by, created_at, updated_at)
VALUES
  ('Qingshan County', 'Shiban Town', 'landslide', '500101001', '石板镇黄家湾村二组、三组', 29.5733, 106.4615,
   pg_temp.at(7, 14, 6, 20), 12000, 0, 0, 0, 1, 3, 1860000, 64,
   (SELECT id FROM demo_warning WHERE key = 'w5'),
   '强降雨诱发的中层土质滑坡，前缘剪出，后缘裂缝仍在发展；专家组建议继续避让并开展应急治理',
   pg_temp.day(7, 16), '划定警戒区，64名群众临时安置于石板镇中心小学，清理村道，设置临时截排水沟', 350000,
   '预警及时、撤离有序，实现零伤亡', pg_temp.who('13800000101'), pg_temp.at(7, 14, 9, 0), pg_temp.at(7, 16, 18, 0)),
  ('Qingshan County', 'Longtan Town', 'collapse', NULL, '龙潭镇双河村四组刘明全户屋后切坡', 29.6480, 106.5410,
   pg_temp.at(7, 14, 5, 10), 150, 0, 0, 1, 0, 1, 85000, 0, NULL,
   '农户建房切坡高陡，强降雨后坡体垮塌，冲毁后墙', pg_temp.day(7, 15), '住户搬离，房屋停止使用，切坡纳入临切坡建房台账',
   20000, '不在隐患点名录内', pg_temp.who('13800000101'), pg_temp.at(7, 14, 10, 0), pg_temp.at(7, 15, 17, 0)),
  ('Qingshan County', 'Yanwan Town', 'rockfall', '500101003', '岩湾镇岩湾村滨江路边坡', 29.5482, 106.4303,
   pg_temp.at(8, 3, 17, 5), 80, 0, 0, 0, 0, 0, 42000, 6, (SELECT id FROM demo_warning WHERE key = 'w8'),
   '危岩体局部崩落，落石堵塞滨江路约20米', pg_temp.day(8, 4), '清理落石，设置警示牌，危岩体挂网', 60000, NULL,
   pg_temp.who('13800000101'), pg_temp.at(8, 3, 19, 0), pg_temp.at(8, 4, 17, 0));

-- ---- Training and outreach.
INSERT INTO outreach_session (county, kind, title, place, held_on, attendance, villages, notes, created_by, created_at,
                              updated_at)
SELECT 'Qingshan County', o.kind, o.title, o.place, pg_temp.day(o.m, o.d), o.attendance, o.villages, o.notes,
       pg_temp.who('13800000101'), pg_temp.at(o.m, o.d, 18, 0), pg_temp.at(o.m, o.d, 18, 0)
FROM (VALUES
  ('training', '全县群测群防监测员培训', '青山县自然资源局会议室', 4, 8, 46, ARRAY[]::text[],
   '宏观迹象识别、应用中巡查和险情报告、预警叫应'),
  ('training', '乡镇地质灾害防治分管领导和国土所长培训', '青山县行政中心', 5, 9, 28, ARRAY[]::text[], '“两卡一案”与转移避险'),
  ('training', '汛后监测员业务复训', '龙潭镇政府', 10, 22, 19, ARRAY['Longtan Village', 'Heishui Village'], NULL),
  ('outreach', '“5·12”防灾减灾日宣传', '石板镇赶场天集市', 5, 12, 420, ARRAY['Huangjiawan Village', 'Shigou Village'],
   '发放宣传册1200份、避险明白卡86份'),
  ('outreach', '地质灾害防治进校园', '龙潭镇中心小学', 6, 3, 310, ARRAY['Longtan Village'], NULL),
  ('outreach', '院坝会：识险避险', '岩湾村村委会院坝', 6, 18, 65, ARRAY['Yanwan Village', 'Tianba Village'], NULL),
  ('outreach', '汛期避险知识入户宣传', '黑水村', 7, 2, 96, ARRAY['Heishui Village'], '逐户讲解撤离路线和预警信号')
) AS o(kind, title, place, m, d, attendance, villages, notes);

-- ---- Hazard-assessment queries made before approving construction projects.
INSERT INTO hazard_assessment_query (person_id, asked_at, county, project, query, points_found)
SELECT pg_temp.who('13800000101'), pg_temp.at(q.m, q.d, 10, 15), 'Qingshan County', q.project,
       jsonb_build_object('location', jsonb_build_object('lat', q.lat, 'lon', q.lon), 'distance_m', q.distance,
                          'project', q.project), q.found
FROM (VALUES
  (3, 14, '石板镇场镇污水处理厂', 29.5790, 106.4700, 500, 0),
  (4, 27, '黄家湾村通组公路硬化', 29.5740, 106.4630, 300, 1),
  (6, 9, '龙潭镇农村集中安置点', 29.6420, 106.5300, 500, 1),
  (9, 18, '岩湾镇滨江路改造', 29.5470, 106.4290, 200, 1),
  (11, 21, '黑水村茶叶加工厂', 29.6530, 106.5090, 800, 1)
) AS q(m, d, project, lat, lon, distance, found);

-- ---- Two cards and one plan: work cards to the monitors, avoidance cards to the residents, handed over before the
-- ---- flood season; the Huangjiawan plan revised after the drill, Shigou's approved.
INSERT INTO card_issue (kind, point_code, person_id, card_text, issued_on, handed_over_by, recorded_by, created_at)
SELECT CASE r.role WHEN 'monitor' THEN 'work' ELSE 'avoidance' END, r.point_code, r.person_id,
       CASE r.role WHEN 'monitor' THEN '地质灾害隐患点监测员工作明白卡' ELSE '地质灾害避险明白卡' END
           || E'\n\n【持卡人】\n' || pe.name || E'\n\n【隐患点】\n名称：' || p.name || E'\n编号：' || p.code || E'\n',
       pg_temp.day(4, 2) + (p.code::bigint % 10)::integer, pg_temp.who('13800000101'), pg_temp.who('13800000101'),
       pg_temp.at(4, 12, 17, 0)
FROM person_role r JOIN hazard_point p ON p.code = r.point_code JOIN person pe ON pe.id = r.person_id
WHERE r.role IN ('monitor', 'resident') AND p.county = 'Qingshan County' AND p.status <> 'delisted';
INSERT INTO point_plan_version (point_code, version, plan_text, changes, approved_on, evacuation, created_by,
                                created_at)
SELECT v.code, v.version, v.plan_text, v.changes, pg_temp.day(v.m, v.d), p.evacuation_plan, pg_temp.who('13800000101'),
       pg_temp.at(v.m, v.d, 15, 0)
FROM (VALUES
  ('500101001', 1, '黄家湾滑坡应急预案：监测员每日巡查裂缝和雨量，黄色预警通知群众准备撤离，红色预警鸣警报沿村道东撤至石板镇中心小学操场。',
   '首次编制', 3, 15),
  ('500101001', 2, '黄家湾滑坡应急预案（修订）：增加夜间预警时由村组干部逐户敲门通知；撤离后在应用中报平安。',
   '汛前演练后修订：增加夜间逐户通知，明确三组老人由专人负责转移', 5, 28),
  ('500101002', 1, '石沟泥石流应急预案：泥位雷达和雨量计预警，橙色以上预警沿山脊小路撤至村委会广场。', '首次编制', 3, 18),
  ('500101007', 1, '黑水沟泥石流应急预案：以人工巡查为主，沟水变浑或异常声响立即报告，沿南坡公路撤至茶场。', '首次编制', 3, 20)
) AS v(code, version, plan_text, changes, m, d)
JOIN hazard_point p ON p.code = v.code;

-- ---- Rainfall: the demo gauges' hourly totals on the rainy days of the year, wetter from May to September, and the
-- ---- storms behind the warnings. Deterministic, so every demo shows the same year.
INSERT INTO reading (sensor_id, ts, value, flags, received_at)
SELECT s.id, h.ts, round((h.mm * (0.85 + (s.id % 4) * 0.1))::numeric, 1)::double precision, 0, now()
FROM sensor s JOIN device d ON d.id = s.device_id JOIN hazard_point p ON p.code = d.point_code
CROSS JOIN LATERAL (
  SELECT g.hour AT TIME ZONE 'Asia/Shanghai' AS ts,
         CASE WHEN st.mm IS NOT NULL THEN st.mm
              ELSE (array[0.27, 0.3, 0.39, 0.5, 0.66, 0.5, 0.8, 0.75, 0.6, 0.53, 0.38, 0.27])
                       [extract(month FROM g.hour)::integer]
                   * (0.3 + ((hashtext(d.id || g.hour::text) & 2147483647) % 100) / 40.0) END AS mm
  FROM generate_series(pg_temp.day(1, 1)::timestamp, pg_temp.day(12, 31)::timestamp + interval '23 hours',
                       interval '1 hour') AS g(hour)
  LEFT JOIN LATERAL (
    -- storms: (month, day, first hour, last hour, peak mm in an hour)
    SELECT x.peak * (1 - abs(extract(hour FROM g.hour) - (x.h1 + x.h2) / 2.0) / ((x.h2 - x.h1) / 2.0 + 1)) AS mm
    FROM (VALUES (5, 18, 14, 23, 20.0), (6, 11, 20, 23, 22.0), (6, 12, 0, 6, 30.0), (6, 29, 12, 23, 20.0),
                 (7, 13, 18, 23, 25.0), (7, 14, 0, 7, 40.0), (8, 3, 9, 16, 26.0), (8, 21, 12, 21, 28.0),
                 (9, 6, 10, 18, 24.0)) AS x(m, d, h1, h2, peak)
    WHERE extract(month FROM g.hour) = x.m AND extract(day FROM g.hour) = x.d
      AND extract(hour FROM g.hour) BETWEEN x.h1 AND x.h2
  ) st ON true
  WHERE st.mm IS NOT NULL
     OR (((hashtext('day' || g.hour::date::text) & 2147483647) % 100)
           < (array[22, 25, 35, 45, 50, 55, 45, 40, 45, 40, 28, 20])[extract(month FROM g.hour)::integer]
         AND (hashtext(d.id || 'hour' || g.hour::text) & 2147483647) % 100 < 30
         AND NOT EXISTS (SELECT 1 FROM (VALUES (5, 18), (6, 11), (6, 12), (6, 29), (7, 13), (7, 14), (8, 3), (8, 21),
                                                (9, 6)) AS sd(m, d)
                         WHERE extract(month FROM g.hour) = sd.m AND extract(day FROM g.hour) = sd.d))
) h
WHERE p.county = 'Qingshan County' AND s.metric = 'rainfall' AND h.mm > 0;

DROP TABLE demo_warning;
DROP FUNCTION pg_temp.who(text);
DROP FUNCTION pg_temp.day(integer, integer);
DROP FUNCTION pg_temp.at(integer, integer, integer, integer);
DROP FUNCTION pg_temp.demo_year();
