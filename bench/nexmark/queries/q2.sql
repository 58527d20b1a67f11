-- Nexmark q2, selection: the bids on a few auctions.
CREATE STREAM bid USING generator OPTIONS (kind 'nexmark_bid', events :'events');
CREATE MATERIALIZED VIEW q2 AS
SELECT auction, price FROM bid WHERE auction % 123 = 0;
