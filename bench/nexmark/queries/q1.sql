-- Nexmark q1, currency conversion: every bid with its price in euros.
CREATE STREAM bid USING generator OPTIONS (kind 'nexmark_bid', events :'events');
CREATE MATERIALIZED VIEW q1 AS
SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid;
