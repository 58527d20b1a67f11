-- The clicks-per-asset tumbling count (the project's own example): clicks per asset per minute.
CREATE STREAM clicks (asset TEXT, ts TIMESTAMP,
                      WATERMARK FOR ts AS ts - INTERVAL '5 seconds')
USING generator OPTIONS (kind 'clicks', limit :'events', assets '1000');
CREATE MATERIALIZED VIEW clicks_per_minute AS
SELECT asset, window_start, count(*) AS clicks
FROM clicks GROUP BY asset, WINDOW(ts, '1 minute');
