-- Nexmark q8, monitor new users: the people who opened an account and put up an auction in the
-- same 10-second tumbling window.
CREATE STREAM person (id BIGINT, name TEXT, date_time TIMESTAMP,
                      WATERMARK FOR date_time AS date_time - INTERVAL '1 second')
USING generator OPTIONS (kind 'nexmark_person', events :'events');
CREATE STREAM auction (seller BIGINT, date_time TIMESTAMP,
                       WATERMARK FOR date_time AS date_time - INTERVAL '1 second')
USING generator OPTIONS (kind 'nexmark_auction', events :'events');
CREATE MATERIALIZED VIEW q8 AS
SELECT p.id, p.name, window_start
FROM person p JOIN auction a
  ON p.id = a.seller
 AND a.date_time BETWEEN p.date_time - INTERVAL '10 seconds' AND p.date_time + INTERVAL '10 seconds'
WHERE extract(epoch FROM p.date_time)::bigint / 10 = extract(epoch FROM a.date_time)::bigint / 10
GROUP BY p.id, p.name, WINDOW(p.date_time, '10 seconds');
