-- Nexmark q7, highest bid: per 10-second tumbling window, the highest price and the bid that
-- made it (the earliest of equal bids).
CREATE STREAM bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP,
                   WATERMARK FOR date_time AS date_time - INTERVAL '1 second')
USING generator OPTIONS (kind 'nexmark_bid', events :'events');
CREATE MATERIALIZED VIEW q7 AS
SELECT window_start, window_end, max(price) AS price,
       first_value(auction ORDER BY price DESC) AS auction,
       first_value(bidder ORDER BY price DESC) AS bidder
FROM bid GROUP BY WINDOW(date_time, '10 seconds');
