-- Nexmark q5, hot items: the number of bids per auction in 10-second windows sliding every
-- 2 seconds, and the highest such count per window. The auctions whose count is the highest of
-- their window are then a join of the two views at read time:
--   SELECT c.auction, c.window_start, c.num FROM q5_counts c
--   JOIN q5_max m ON c.window_start = m.window_start AND c.num = m.maxn;
-- The watermark closes windows, so their state is freed as event time moves on.
CREATE STREAM bid (auction BIGINT, date_time TIMESTAMP,
                   WATERMARK FOR date_time AS date_time - INTERVAL '1 second')
USING generator OPTIONS (kind 'nexmark_bid', events :'events');
CREATE MATERIALIZED VIEW q5_counts AS
SELECT auction, window_start, window_end, count(*) AS num
FROM bid GROUP BY auction, WINDOW(date_time, '10 seconds', '2 seconds');
CREATE MATERIALIZED VIEW q5_max AS
SELECT window_start, max(num) AS maxn FROM q5_counts GROUP BY window_start;
