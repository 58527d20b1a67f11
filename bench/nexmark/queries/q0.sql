-- Nexmark q0, pass-through: every bid, as it is.
-- Run by hand: psql -v events=1000000 -f q0.sql (bench/run nexmark sets :events).
CREATE STREAM bid USING generator OPTIONS (kind 'nexmark_bid', events :'events');
CREATE MATERIALIZED VIEW q0 AS
SELECT auction, bidder, price, date_time, extra FROM bid;
